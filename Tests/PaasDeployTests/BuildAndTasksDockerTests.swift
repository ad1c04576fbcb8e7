import DockerEngine
import Foundation
import PaasStore
import PaasSupport
import XCTest

@testable import PaasDeploy

/// Builder and task containers against the real daemon, with a busybox builder made here.
final class BuildAndTasksDockerTests: XCTestCase {
    func testBuildCacheEnvAndTasksLeaveNothingBehind() throws {
        let docker = DockerClient(transport: CurlTransport(cancellation: nil))
        guard (try? docker.ping()) != nil, try docker.inspectImage("paas/busybox:latest") != nil else {
            throw XCTSkip("needs dockerd and paas/busybox:latest (scripts/make-base-images.sh)")
        }
        let testID = "builder-\(UInt32.random(in: 0...UInt32.max))"
        let app = "b\(testID.suffix(8))"
        let dir = NSTemporaryDirectory() + testID
        defer {
            for c in (try? docker.listContainers(all: true, labels: ["paas.test": testID])) ?? [] {
                try? docker.removeContainer(c.id, force: true)
            }
            // Docker refuses to remove an image while another (the app images committed from the
            // builder, the deaf builder) was made from it, and creation times tie within a second:
            // remove what can go, then again, until nothing is left or nothing more goes.
            var left = (try? docker.listImages(labels: ["paas.test": testID])) ?? []
            for _ in 0..<4 where !left.isEmpty {
                for i in left { _ = try? docker.removeImage(i.id, force: true) }
                left = (try? docker.listImages(labels: ["paas.test": testID])) ?? []
            }
            for v in (try? docker.listVolumes(labels: ["paas.test": testID])) ?? [] { try? docker.removeVolume(v) }
            for n in (try? docker.listNetworks(labels: ["paas.test": testID])) ?? [] { try? docker.removeNetwork(n) }
            try? FileManager.default.removeItem(atPath: dir)
        }
        // A builder image: busybox with /workspace and a build script.
        try FileManager.default.createDirectory(atPath: dir + "/img/builder", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/src", withIntermediateDirectories: true)
        try """
            #!/bin/sh
            echo building; cat /workspace/hello.txt; echo "secret=$SECRET"
            [ -e /workspace/.paas-build-env ] && echo envfile-still-there
            n=$(cat /cache/n 2>/dev/null || echo 0); echo $((n+1)) > /cache/n; echo "cache=$((n+1))"
            echo built > /workspace/artifact
            [ -z "$FAIL" ] || exit 3

            """.write(toFile: dir + "/img/builder/build", atomically: true, encoding: .utf8)
        chmod(dir + "/img/builder/build", 0o755)
        try """
            FROM paas/busybox:latest
            COPY builder/ /builder/
            RUN mkdir -p /workspace
            LABEL paas.test=\(testID) paas.builder.build=/builder/build
            """.write(toFile: dir + "/img/Dockerfile", atomically: true, encoding: .utf8)
        let builder = "paas-test/builder:\(testID)"
        try sh("DOCKER_BUILDKIT=0 docker build -q -t \(builder) \(dir)/img >/dev/null 2>&1")
        try "hello from git\n".write(toFile: dir + "/src/hello.txt", atomically: true, encoding: .utf8)
        let sourceTar = try sh("tar -C \(dir)/src -c . | base64 -w0")

        let out = dir + "/out"
        let fd = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        defer { close(fd) }
        let platform = Platform(
            root: StateRoot(path: dir), settings: InstallSettings(labels: ["paas.test": testID]), docker: docker,
            cleanupDocker: docker, proxy: NoProxy(), runner: PosixProcessRunner(cancellation: nil),
            plugins: Platform.pluginRunner(root: StateRoot(path: dir)), user: "t",
            log: Terminal(fd: fd), store: { try Store(path: dir + "/state.db") })
        func build(_ version: Int, env: [String: String]) throws -> String {
            try BuilderImageBuild(platform: platform, cancellation: Cancellation()).build(
                app: app, image: "paas/\(app):v\(version)", builder: builder,
                source: DataByteSource(Data(base64Encoded: sourceTar)!), env: env,
                procfile: try .parse("web: cat /workspace/artifact\n"), version: version, deployID: "d\(version)")
        }
        _ = try build(1, env: ["SECRET": "s3 'q'"])
        let imageID = try build(2, env: ["SECRET": "s4"])
        XCTAssertThrowsError(try build(3, env: ["FAIL": "1"])) {
            XCTAssertEqual("\($0)", "build of \(app) failed: the builder exited with status 3")
        }
        var text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.contains("       hello from git\n       secret=s3 'q'\n"), text)
        XCTAssertTrue(text.contains("       cache=1\n") && text.contains("       cache=2\n"), text)
        XCTAssertFalse(text.contains("envfile-still-there"), text)
        // A builder whose entrypoint ignores its arguments never runs the wrapper that reads and
        // deletes the config file: the build must fail rather than commit the file.
        try FileManager.default.createDirectory(atPath: dir + "/deaf", withIntermediateDirectories: true)
        try "FROM \(builder)\nENTRYPOINT [\"/builder/build\"]\nLABEL paas.test=\(testID)\n"
            .write(toFile: dir + "/deaf/Dockerfile", atomically: true, encoding: .utf8)
        try sh("DOCKER_BUILDKIT=0 docker build -q -t \(builder)-deaf \(dir)/deaf >/dev/null 2>&1")
        XCTAssertThrowsError(
            try BuilderImageBuild(platform: platform, cancellation: Cancellation()).build(
                app: app, image: "paas/\(app):v4", builder: builder + "-deaf",
                source: DataByteSource(Data(base64Encoded: sourceTar)!), env: ["SECRET": "s5"],
                procfile: try .parse("web: cat /workspace/artifact\n"), version: 4, deployID: "d4")
        ) { XCTAssertTrue("\($0)".contains("left the build-time config file in place"), "\($0)") }
        XCTAssertNil(try docker.inspectImage("paas/\(app):v4"), "nothing committed")

        let image = try XCTUnwrap(try docker.inspectImage(imageID))
        XCTAssertEqual(image.config.cmd, ["/bin/sh", "-c", "cat /workspace/artifact"])
        XCTAssertEqual(image.config.workingDir, "/workspace")
        XCTAssertFalse(image.config.env.contains { $0.hasPrefix("SECRET") }, "\(image.config.env)")
        XCTAssertNil(try docker.inspectImage("paas/\(app):v3"))

        let spec = ReleaseSpec(
            app: app, version: 2, deployID: "d2", image: imageID, env: ["GREETING": "hi"], processes: [:],
            formation: [:], port: 5000)
        try ReleaseTasks(platform: platform, timeout: 30, cancellation: Cancellation())
            .run(.predeploy, command: "echo $GREETING > /workspace/artifact; cat /workspace/artifact", spec: spec)
        XCTAssertThrowsError(try ReleaseTasks(platform: platform, timeout: 30).run(.release, command: "echo bad; exit 4", spec: spec)) {
            XCTAssertEqual("\($0)", "release task 'release' failed with status 4")
        }
        let started = Date()
        XCTAssertThrowsError(try ReleaseTasks(platform: platform, timeout: 1).run(.postdeploy, command: "sleep 30", spec: spec)) {
            XCTAssertTrue("\($0)".hasPrefix("postdeploy timed out after 1s"), "\($0)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.contains("       hi\n") && text.contains("       bad\n"), text)
        // What the predeploy task wrote is not in the image.
        let check = try docker.createContainer(
            name: nil, ContainerSpec(image: imageID, labels: ["paas.test": testID]))
        try docker.startContainer(check)
        XCTAssertEqual(try docker.waitContainer(check), 0)
        var logs: [UInt8] = []
        try docker.containerLogs(check, follow: false, tail: nil) { _, bytes in logs += bytes }
        XCTAssertEqual(String(decoding: logs, as: UTF8.self), "built\n")
        try docker.removeContainer(check, force: true)

        let left = try docker.listContainers(all: true, labels: ["paas.test": testID])
        XCTAssertEqual(left.map(\.names), [], "no builder or task container is left")
    }

    @discardableResult
    private func sh(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CancelledError(reason: "\(command) exited \(p.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
