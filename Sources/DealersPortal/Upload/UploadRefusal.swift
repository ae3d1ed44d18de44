/// Why an upload was not stored.
enum UploadRefusal: Error, Equatable {
    /// The form's CSRF token is missing or not the session's.
    case staleForm
    /// The request held no file, or more than one.
    case notOneFile
    /// The file name is empty, hidden, temporary or has characters a file name must not have.
    case badName
    /// The file is larger than the limit.
    case tooLarge(limit: Int)
    /// The inbox already holds as many waiting files as allowed.
    case tooManyWaiting(limit: Int)
    /// A file with this name is already waiting in the inbox.
    case alreadyWaiting
    /// No layout reads the file; the reason is the one `dealers layouts FILE` gives.
    case unknownLayout(reason: String)
    /// The file is of a kind the account's role may not send (a technician's payments file).
    case layoutNotAllowed(layout: String)
    /// A roster sent by an account that may not speak for whole collectives (``RosterAuthority``).
    case rosterNeedsAdmin
}
