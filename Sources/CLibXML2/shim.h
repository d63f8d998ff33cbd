// libxml2 built with ICU includes <unicode/ucnv.h> from its encoding header, and those ICU declarations clash with
// the copy of ICU inside Foundation (_FoundationICU: "'UErrorCode' has different definitions in different modules")
// in any Swift module that sees both. Almanac never touches an encoding handler's ICU fields, the only part of
// libxml2's API that ICU adds (at the end of the struct, behind pointers), so the module is built without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
