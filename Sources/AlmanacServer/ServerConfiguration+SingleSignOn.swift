import Foundation

extension ServerConfiguration {
    /// Single sign-on from `sso_issuer`, `sso_client_id`, `sso_client_secret_file` and `sso_name`: all of the first
    /// three or none. The secret is read from a file so that it stays out of configuration files and process lists.
    static func singleSignOn(_ value: (ConfigurationKey) -> String?) throws(ConfigurationError)
        -> SingleSignOnConfiguration? {
        let issuer = value(.ssoIssuer).flatMap { $0.isEmpty ? nil : $0 }
        let clientID = value(.ssoClientID)
        let secretFile = value(.ssoClientSecretFile)
        guard let issuer else {
            if clientID != nil || secretFile != nil {
                throw ConfigurationError("sso_client_id or sso_client_secret_file is set but sso_issuer is not")
            }
            return nil
        }
        guard let url = URL(string: issuer), let scheme = url.scheme?.lowercased(), let host = url.host(),
              scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host)) else {
            throw ConfigurationError("sso_issuer: '\(issuer)' is not an https URL (http only on a loopback address)")
        }
        guard let clientID, !clientID.isEmpty else { throw ConfigurationError("sso_issuer is set but sso_client_id is not") }
        guard let secretFile else { throw ConfigurationError("sso_issuer is set but sso_client_secret_file is not") }
        guard let text = try? String(contentsOfFile: secretFile, encoding: .utf8) else {
            throw ConfigurationError("sso_client_secret_file: cannot read '\(secretFile)'")
        }
        let secret = text.trimmingCharacters(in: .newlines)
        guard !secret.isEmpty else { throw ConfigurationError("sso_client_secret_file: '\(secretFile)' is empty") }
        return SingleSignOnConfiguration(issuer: issuer, clientID: clientID, clientSecret: secret,
                                         displayName: value(.ssoName) ?? host)
    }
}
