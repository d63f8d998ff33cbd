extension String {
    /// Without leading and trailing white space (Foundation-free). Request values are read with it: client data often
    /// comes padded (pretty-printed XML, header values), and the padding never carries meaning.
    package var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
