import Foundation
import PaasSupport

/// The `"upgrade"` object of `settings.json`; every field has a default.
public struct UpgradeSettings: Decodable, Sendable, Equatable {
    /// The local image the helper container is made from (it only needs a static `chroot`).
    public var helperImage: String
    /// The loopback port the proxy listens on: step 6 checks every app through it.
    public var proxyPort: Int
    /// How long step 1 waits for running deploys to finish, in seconds.
    public var deployWait: Int
    /// How long one command of a step may run, in seconds.
    public var commandTimeout: Int

    public init(
        helperImage: String = "paas/busybox:latest", proxyPort: Int = 80, deployWait: Int = 600,
        commandTimeout: Int = 600
    ) {
        self.helperImage = helperImage
        self.proxyPort = proxyPort
        self.deployWait = deployWait
        self.commandTimeout = commandTimeout
    }

    private enum CodingKeys: String, CodingKey { case helperImage, proxyPort, deployWait, commandTimeout }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = UpgradeSettings()
        helperImage = try c.decodeIfPresent(String.self, forKey: .helperImage) ?? d.helperImage
        proxyPort = try c.decodeIfPresent(Int.self, forKey: .proxyPort) ?? d.proxyPort
        deployWait = try c.decodeIfPresent(Int.self, forKey: .deployWait) ?? d.deployWait
        commandTimeout = try c.decodeIfPresent(Int.self, forKey: .commandTimeout) ?? d.commandTimeout
    }

    /// The settings of `root` (defaults when settings.json has no `upgrade` object).
    public static func load(_ root: StateRoot) throws -> UpgradeSettings {
        guard let data = FileManager.default.contents(atPath: root.settingsFile) else { return UpgradeSettings() }
        struct File: Decodable { var upgrade: UpgradeSettings? }
        do {
            return try JSONDecoder().decode(File.self, from: data).upgrade ?? UpgradeSettings()
        } catch {
            throw UpgradeError.state("cannot read the \"upgrade\" settings in \(root.settingsFile): \(error)")
        }
    }
}
