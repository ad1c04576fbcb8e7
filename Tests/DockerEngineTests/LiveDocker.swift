import DockerEngine
import Foundation
import PaasSupport
import XCTest

/// The real daemon for one test: a unique id to label with, a busybox base image, tar
/// helpers, and removal of exactly what the test labelled.
final class LiveDocker {
    let id = "dockerengine-\(UInt32.random(in: 0...UInt32.max))"
    let docker = DockerClient.local(cancellation: nil)
    private let runner = PosixProcessRunner(cancellation: nil)
    private var scratch: [String] = []

    /// The label every test object carries.
    var labels: [String: String] { ["paas.test": id] }

    /// A busybox image: the shared `paas-test/busybox:latest` when present, else one imported
    /// for this test and labelled with its id (and removed with the rest).
    func busybox() throws -> String {
        if try docker.inspectImage("paas-test/busybox:latest") != nil { return "paas-test/busybox:latest" }
        let root = try directory()
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/busybox")
        for applet in ["sh", "httpd", "cat", "echo", "ls", "sleep", "env"] {
            try FileManager.default.createSymbolicLink(atPath: "\(root)/bin/\(applet)", withDestinationPath: "busybox")
        }
        _ = try docker.importImage(
            archive: try tar(root), repository: "paas-test/busybox", tag: id, changes: ["LABEL paas.test=\(id)"])
        return "paas-test/busybox:\(id)"
    }

    /// A tar stream of `files` (relative path to content).
    func tar(files: [String: String]) throws -> ByteSource {
        let root = try directory()
        for (path, content) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return try tar(root)
    }

    private func tar(_ root: String) throws -> ByteSource {
        let result = try runner.run(
            ProcessSpec(
                executable: "/usr/bin/tar", arguments: ["-C", root, "-c", "."], stdout: .capture(limit: 64 << 20)))
        XCTAssertTrue(result.succeeded, result.stderrText)
        return DataByteSource(result.stdout)
    }

    private func directory() throws -> String {
        let path = NSTemporaryDirectory() + "/\(id)-\(scratch.count)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        scratch.append(path)
        return path
    }

    /// Fetches http://127.0.0.1:port/path, retrying for a few seconds while the server starts.
    func httpGet(port: Int, path: String = "/") throws -> String? {
        for _ in 0..<25 {
            let result = try runner.run(
                ProcessSpec(
                    executable: "/usr/bin/curl",
                    arguments: ["-fsS", "--max-time", "2", "http://127.0.0.1:\(port)\(path)"],
                    stderr: .discard))
            if result.succeeded { return result.stdoutText }
            usleep(200_000)
        }
        return nil
    }

    /// Removes the containers, images and volumes labelled with this test's id, and scratch files.
    func cleanUp() {
        for c in (try? docker.listContainers(labels: ["paas.test": id])) ?? [] {
            try? docker.removeContainer(c.id, force: true, volumes: true)
        }
        for _ in 0..<3 {
            let images = ((try? docker.listImages(labels: labels)) ?? []).sorted { $0.created > $1.created }
            if images.isEmpty { break }
            for image in images { _ = try? docker.removeImage(image.id, force: true) }
        }
        for volume in (try? docker.listVolumes(labels: labels)) ?? [] { try? docker.removeVolume(volume) }
        for path in scratch { try? FileManager.default.removeItem(atPath: path) }
    }
}
