import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password: from the terminal with echo off when stdin is a TTY, otherwise one line from stdin (so
/// scripts can pipe it in without it appearing in the process list).
enum PasswordPrompt {
    static func read(prompt: String, confirm: Bool) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("No password given: pass --password, or one line on stdin.")
            }
            return line
        }
        let password = try readWithoutEcho(prompt: prompt)
        if confirm {
            guard try readWithoutEcho(prompt: "Repeat: ") == password else {
                throw ValidationError("The passwords do not match.")
            }
        }
        return password
    }

    private static func readWithoutEcho(prompt: String) throws -> String {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw ValidationError("Cannot read the terminal settings.") }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        // ECHONL still echoes the Enter key, so the next output starts on a new line.
        silent.c_lflag |= tcflag_t(ECHONL)
        print(prompt, terminator: "")
        fflush(nil) // all C streams: stdout is a global the compiler cannot prove safe
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else {
            throw ValidationError("Cannot turn off terminal echo.")
        }
        defer { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("No password given.") }
        return line
    }
}
