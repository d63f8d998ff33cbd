import CalendarStore

/// The contract of `CalendarStore` as executable checks. Every store runs all of them, each on a fresh empty store.
///
/// Decisions the protocol's doc comments leave open, fixed here so every store agrees:
/// - identifiers are positive and never reused; a new calendar starts at some revision and every change to its
///   objects gets its own, strictly greater revision (a same-calendar move takes two: tombstone, then new name);
/// - `updateCalendar` removes `removeDeadProperties` first, then applies `setDeadProperties`; a set property of an
///   existing (namespace, name) keeps its position, new ones are appended;
/// - a sync that is not truncated returns the calendar's current revision; a truncated one, that of its last entry;
/// - `changes` on an unknown calendar is `notFound`; a negative revision or one above the current is
///   `invalidSyncToken`; a `limit` below 1 is `invalidArgument`;
/// - an empty user name, slug, object name or UID, or an instance ending before it starts, is `invalidArgument`;
/// - moving an object onto itself is `invalidArgument`; a moved object keeps its bytes, ETag and `createdAt`;
/// - a text condition whose needle has three or more characters is answered exactly for ASCII text (a
///   case-insensitive substring test); a shorter needle may match more objects, never fewer;
/// - `objectsToReindex` orders by `expandedUntil`, then calendar id, then name;
/// - `putObjects` gives a write refused by validation (`invalidArgument`) its own result, like any other refusal;
/// - `apply` reports the first failing change in order, validation failures included;
/// - `updateIndex` keeps the stored Schedule-Tag; a move carries it; a put stores the one its index names (nil too);
/// - `user(email:)` folds ASCII letters only (SQLite's NOCASE) and picks the smallest id among users sharing it (only
///   a database from before the addresses became unique can hold such users);
/// - due outgoing messages are ordered by `nextAttemptAt`, then id; a sent attempt keeps the previous `lastError`;
///   deleting a user drops their queued messages and attempts;
/// - users and groups share one namespace of names (`/principals/<name>/`): a name either holds is `alreadyExists`
///   for the other, and so is any name equal to it with ASCII letters folded (other characters compare as they
///   are); names are kept and listed as written, and are not empty; non-empty e-mail addresses of users are unique
///   the same way (`createUser`, `updateUser`; a user may change the case of their own), empty ones never clash,
///   and a group's address is not compared;
/// - `updateUser` checks the user's existence before the address (`notFound` wins); `usersDueForDeletion` orders by
///   `deletionDueAt`, then id;
/// - sharing queries never throw `notFound`: an unknown calendar, user or group has no grants, members, role or
///   presentation; a change naming an unknown calendar, object, user, group or `grantedBy` is `notFound`;
/// - a calendar or object grant to the calendar's owner is `invalidArgument`; an object grant other than `read` or
///   `write` is `invalidArgument`, checked before anything else;
/// - `setGrant` replaces role, state and `grantedBy` and keeps `createdAt`; a new grant's `updatedAt` equals its
///   `createdAt`; `setObjectGrant` replaces role and `grantedBy` and keeps `createdAt`;
/// - grants, object grants and presentations are not calendar content: they change no revision and log nothing;
/// - a group grant's state is the group's (one answer for every member; per-member answers are not stored);
/// - `sharedCalendars` lists every calendar of another owner that a grant in any state reaches, ordered by calendar
///   id: `accepted` wins over `invited` over `declined`, the role is the highest of the winning state;
/// - a presentation is set whole (both fields); both nil removes it; it outlives a revoked grant and goes with the
///   calendar or the user;
/// - deleting a user keeps the grants they made on others' calendars (`grantedBy` keeps their id); deleting a group
///   keeps its members;
/// - object grants follow the object: a put replacing it keeps them, a move carries them (those of an object it
///   replaces go), a delete (also through `apply`) drops them;
/// - an access token keeps its scopes in the order given (an empty list too); `accessToken(hash:)` finds expired
///   tokens as well (expiry is the caller's to judge); recording the use of a token that no longer exists does
///   nothing; a grant-issued token must name a grant of its own user (else `notFound`);
/// - a one-time code or refresh token is live up to and including its `expiresAt` second (`at <= expiresAt`); an
///   expired one is nil even when it was used before; a used code keeps its first `usedAt`, a replaced refresh
///   token its first `replacedAt`; purposes and client ids compare exactly; a user may grant one client several
///   times (each grant its own); `oauthClients` orders client ids by bytes;
/// - `pruneExpiredCredentials` deletes what expired strictly before `before` (used codes and replaced refresh tokens
///   too) and never a personal access token; a grant outlives its expired tokens;
/// - an idempotency record is live while its `createdAt` is at or after `expiredBefore` (an expired one, running or
///   complete, is replaced by the new claim); a claim's `createdAt` is the `at` given; keys are per user and compare
///   exactly (case and spaces count); a stored response keeps its headers in order (repeated names too) and its body
///   exactly (an empty one too); releasing a missing record does nothing; deleting a user deletes their records.
public enum StoreContract {
    public static let checks: [ContractCheck] =
        users + accounts + appPasswords + accessTokens + oneTimeCodes + oauth + idempotencyKeys + calendars
            + objects + moves + timeRanges + sync + concurrency + pages + textSearch + batches + indexMaintenance + scheduling + outgoingMail + groups
            + sharing + sharedCalendars + objectGrants + sharingLifecycle + privacy + shareNotices + delegations
            + throttling
}
