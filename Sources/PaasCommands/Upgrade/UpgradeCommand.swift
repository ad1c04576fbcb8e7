import ArgumentParser
import Foundation
import PaasSupport
import PaasUpgrade

/// `upgrade BUNDLE`: checks a release bundle and hands it to a detached helper container.
struct UpgradeCommand: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade paas from a release bundle, in a detached helper (over ssh: the bundle on stdin).")
    static let group = CommandGroup.upgrade

    @Argument(help: "The paas-VERSION.tar.gz made by scripts/package.sh ('-' or none over ssh: stdin).")
    var bundle: String?
    @Flag(name: .long, help: "Follow the steps until the upgrade is done.") var wait = false
    @Flag(name: .long, help: "Allow installing an older version (when its schema allows it).") var allowDowngrade =
        false

    func run(_ ctx: CommandContext) throws {
        let input: BundleInput
        switch bundle {
        case nil, "-": input = .standardInput
        case let path?:
            guard !ctx.viaSSH else {
                throw ExitCodeError(
                    code: 2, message: "over ssh, send the bundle on stdin: ssh paas@HOST upgrade < paas-VERSION.tar.gz")
            }
            input = .file(path)
        }
        if bundle == nil && !ctx.viaSSH && isatty(0) != 0 {
            throw ExitCodeError(
                code: 2, message: "name the bundle: paas upgrade paas-VERSION.tar.gz (or '-' for stdin)")
        }
        let platform = try ctx.platform
        ctx.err.line("-----> Checking the bundle")
        let status = try UpgradeStarter(
            root: ctx.root, docker: platform.cleanupDocker, labels: platform.settings.labels
        )
        .upgrade(input, allowDowngrade: allowDowngrade)
        try UpgradeOutput.started(status, wait: wait, ctx: ctx, docker: platform.cleanupDocker)
    }
}
