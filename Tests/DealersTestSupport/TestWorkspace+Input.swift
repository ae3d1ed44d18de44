import Foundation

extension TestWorkspace {
    /// Runs `dealers ARGS --root <workspace>` with `input` on standard input.
    package func run(_ args: [String], input: String) throws -> ProcessResult {
        let process = Process()
        process.executableURL = RunningProcess.binary
        process.arguments = args + ["--root", root.path]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Adds a portal account with a low bcrypt cost (tests only).
    package func addPortalAccount(_ name: String, dealer: String?, password: String) throws -> ProcessResult {
        let role = dealer.map { ["--role", "admin", "--dealer", $0] } ?? ["--role", "master"]
        return try run(["portal", "user", "add", name] + role + ["--email", "\(name)@example.es", "--password-stdin", "--cost", "4"], input: password + "\n")
    }
}
