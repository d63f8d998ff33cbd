import NIOCore

/// Lets the responder tell the connection it is about to read the request body, so a client that sent
/// `Expect: 100-continue` is answered `100 Continue` exactly when the body will be read, and never for a request
/// refused from its headers alone. Carried in the request context; see `RequestBodyGate`.
public struct ContinueSignal: Sendable {
    let channel: any Channel

    /// Returns once the gate has written 100 Continue (when the request expects it), so the body read that follows
    /// cannot overtake it. Without a gate in the pipeline (router tests) the event fails harmlessly: nothing to do.
    func bodyWillBeRead() async {
        try? await channel.triggerUserOutboundEvent(RequestBodyGate.BodyWanted()).get()
    }
}
