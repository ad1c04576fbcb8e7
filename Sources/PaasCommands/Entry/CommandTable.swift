import ArgumentParser

/// Every built-in command, by the name users type.
public enum CommandTable {
    /// All built-in command types, in help order within their groups.
    public static let all: [any PaasCommand.Type] = [
        AppsCreate.self, AppsList.self, AppsInfo.self, AppsRename.self, AppsDestroy.self, AppsUnlock.self,
        ConfigShow.self, ConfigGet.self, ConfigSet.self, ConfigUnset.self, ConfigClear.self, ConfigExportCommand.self,
        Releases.self, ReleasesInfo.self, RollbackCommand.self,
        SettingsSet<ReleaseSettingsCommands>.self, SettingsReport<ReleaseSettingsCommands>.self,
        PsScale.self, PsReport.self, PsStop.self, PsStart.self, PsRestart.self, PsRebuild.self, PsReconcile.self,
        PsRestore.self, Run.self, RunDetached.self, Logs.self,
        ResourceLimitCommand.self, SettingsSet<ResourceSettingsCommands>.self, SettingsReport<ResourceSettingsCommands>.self,
        StorageEnsureDirectory.self, StorageMountCommand.self, StorageUnmount.self, StorageReport.self,
        DomainsAdd.self, DomainsRemove.self, DomainsSet.self, DomainsClear.self, DomainsReport.self,
        ProxySet.self, ProxyReport.self, CertsAdd.self, CertsRemove.self, CertsSet.self, CertsReport.self,
        SettingsSet<BuilderSettingsCommands>.self, SettingsReport<BuilderSettingsCommands>.self,
        ReposCreate.self, ReposList.self, ReposReport.self, ReposLink.self, ReposUnlink.self, ReposSet.self,
        ReposDeploy.self, ReposDestroy.self,
        NodesAdd.self, NodesList.self, NodesReport.self, NodesLabel.self, NodesDrain.self, NodesRemove.self,
        NodesRegistry.self, NodesSupervise.self, SchedulerSet.self, SchedulerReport.self,
        AccessoriesAdd.self, AccessoriesList.self, AccessoriesRemove.self,
        SettingsSet<GitSettingsCommands>.self, SettingsReport<GitSettingsCommands>.self,
        SettingsSet<TaskSettingsCommands>.self, SettingsReport<TaskSettingsCommands>.self,
        SettingsReport<CheckSettingsCommands>.self, SettingsSet<CheckSettingsCommands>.self,
        ChecksDisable.self, ChecksEnable.self, ChecksSkip.self, ChecksRun.self,
        PluginList.self, PluginInstall.self, PluginEnable.self, PluginDisable.self, PluginUninstall.self, PluginReport.self, PluginTest.self,
        SSHKeysAdd.self, SSHKeysList.self, SSHKeysRemove.self,
        AclGrant.self, AclRevoke.self, AclList.self,
        UpgradeCommand.self, UpgradeStatusCommand.self, UpgradeLogCommand.self, UpgradeRollbackCommand.self,
        UpgradeRunCommand.self, UpgradeMigrateCommand.self, UpgradeVerifyCommand.self,
        Help.self, Version.self,
    ]

    /// Alternative names (`config` for `config:show`).
    public static let aliases: [String: String] = ["config": "config:show", "apps": "apps:list", "ps": "ps:report"]

    private static let byName: [String: any PaasCommand.Type] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.configuration.commandName!, $0) })

    /// The command called `name`, if it is built in.
    public static func find(_ name: String) -> (any PaasCommand.Type)? {
        byName[aliases[name] ?? name]
    }

    /// The names of every built-in command (plugins may not take them).
    public static var names: Set<String> { Set(byName.keys).union(aliases.keys) }
}
