/// The payload of triggers that say nothing beyond the request's `app`: `{}`.
public struct NoPayload: TriggerPayload {
    /// The empty payload.
    public init() {}
    public static var samples: [NoPayload] { [NoPayload()] }
}

/// `user-auth`: someone runs a command, over ssh or as root on the host.
public struct UserAuth: TriggerPayload {
    /// Who: the ssh key's name, or the local user.
    public var user: String
    /// The ssh key's name (the same as `user` today).
    public var key: String
    /// The command (`config:set`).
    public var command: String
    /// Its arguments as typed.
    public var args: [String]
    /// True when it came over ssh.
    public var viaSSH: Bool

    /// A payload.
    public init(user: String, key: String, command: String, args: [String], viaSSH: Bool) {
        self.user = user
        self.key = key
        self.command = command
        self.args = args
        self.viaSSH = viaSSH
    }
    public static var samples: [UserAuth] {
        [UserAuth(user: "alice", key: "alice", command: "config:set", args: ["web", "A=1"], viaSSH: true)]
    }
}

extension Trigger where Payload == UserAuth, Changes == NoChanges {
    /// Before any command; a stop refuses it.
    public static var userAuth: Self {
        Self("user-auth", canStop: true, summary: "before any command over ssh or as root")
    }
}

extension Trigger where Payload == NoPayload, Changes == NoChanges {
    /// Before an app is created; a stop refuses it.
    public static var appCreate: Self { Self("app-create", canStop: true, summary: "before an app is created") }
    /// Before an app is destroyed, before anything is touched; a stop refuses the destroy.
    public static var preAppDestroy: Self {
        Self("pre-app-destroy", canStop: true, summary: "before an app is destroyed, before anything is touched")
    }
    /// Once a destroy can no longer be refused, before its containers and state are removed.
    public static var appDestroy: Self {
        Self(
            "app-destroy", canStop: false,
            summary: "once a destroy can no longer be refused, before anything is removed")
    }
    /// After an app and everything it had are gone.
    public static var appDestroyed: Self {
        Self("app-destroyed", canStop: false, summary: "after an app and everything it had are gone")
    }
}
