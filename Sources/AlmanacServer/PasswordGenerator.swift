/// Random secrets for generated passwords (the bootstrap administrator, app passwords), drawn from the operating
/// system's cryptographic generator.
public enum PasswordGenerator {
    /// Letters and digits without the look-alikes 0/O, 1/l/I, so a secret can be typed from a screen.
    static let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A random password of `length` characters: about 5.8 bits each, so 24 give about 139 bits.
    public static func password(length: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
