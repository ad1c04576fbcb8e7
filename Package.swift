// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "paas",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "paas", targets: ["paas"]),
        .executable(name: "paas-pre-receive", targets: ["paas-pre-receive"]),
        .executable(name: "paas-nginx", targets: ["paas-nginx"]),
        .executable(name: "paas-haproxy", targets: ["paas-haproxy"]),
        .library(name: "PaasPluginKit", targets: ["PaasPluginKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // MARK: - C libraries
        // libcurl and libgit2 are opened with dlopen on first use (see each shim.c): commands
        // that touch neither Docker nor git do not load them. Building needs their -dev headers
        // (libcurl4-openssl-dev, libgit2-dev); running needs libcurl4 and libgit2-1.5.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CLibgit2", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("dl")]),

        // MARK: - Libraries, bottom up
        .target(name: "CPaasSystem"),
        .target(name: "PaasSupport", dependencies: ["CPaasSystem"]),
        .target(name: "DockerEngine", dependencies: ["CCurl", "PaasSupport"]),
        .target(name: "PaasGit", dependencies: ["CLibgit2", "PaasSupport"]),
        .target(
            name: "PaasStore",
            dependencies: ["PaasSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "AppSpec", dependencies: ["PaasSupport"]),
        .target(name: "PaasPluginKit"),
        .target(name: "PaasPlugins", dependencies: ["PaasSupport", "PaasPluginKit"]),
        .target(
            name: "PaasDeploy",
            dependencies: ["PaasSupport", "DockerEngine", "PaasGit", "PaasStore", "AppSpec", "PaasPlugins"]),
        .target(
            name: "PaasUpgrade",
            dependencies: ["PaasSupport", "DockerEngine", "PaasStore", "PaasDeploy", "PaasPluginKit"]),
        .target(
            name: "PaasCommands",
            dependencies: ["PaasDeploy", "PaasPlugins", "PaasUpgrade", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: - Executables: parse input, call the library
        .executableTarget(name: "paas", dependencies: ["PaasCommands"]),
        .executableTarget(name: "paas-pre-receive", dependencies: ["PaasCommands"]),
        .executableTarget(name: "paas-nginx", dependencies: ["PaasPluginKit", "PaasSupport"]),
        .executableTarget(name: "paas-haproxy", dependencies: ["PaasPluginKit", "PaasSupport"]),

        // MARK: - Tests
        .target(
            name: "PaasTestSupport",
            dependencies: ["PaasSupport", "DockerEngine", "PaasStore"],
            path: "Tests/PaasTestSupport"),
        .testTarget(name: "DockerEngineTests", dependencies: ["DockerEngine", "PaasTestSupport"]),
        .testTarget(name: "PaasGitTests", dependencies: ["PaasGit", "PaasTestSupport"]),
        .testTarget(name: "PaasStoreTests", dependencies: ["PaasStore", "PaasTestSupport"]),
        .testTarget(name: "AppSpecTests", dependencies: ["AppSpec"]),
        .testTarget(name: "PaasPluginsTests", dependencies: ["PaasPlugins", "PaasPluginKit", "PaasTestSupport"]),
        .testTarget(name: "PaasDeployTests", dependencies: ["PaasDeploy", "PaasTestSupport"]),
        .testTarget(name: "PaasUpgradeTests", dependencies: ["PaasUpgrade", "PaasTestSupport"]),
        .testTarget(name: "PaasCommandsTests", dependencies: ["PaasCommands", "PaasTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PaasTestSupport", "PaasStore", "DockerEngine"]),
    ],
    swiftLanguageModes: [.v6]
)
