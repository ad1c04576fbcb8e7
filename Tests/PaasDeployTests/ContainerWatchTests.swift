import DockerEngine
import PaasTestSupport
import XCTest

@testable import PaasDeploy

/// A new container that exits or that Docker restarts fails its check at the next look.
final class ContainerWatchTests: XCTestCase {
    private func inspect(status: String, running: Bool, exit: Int = 0, restarts: Int = 0) -> FakeEngineReply {
        FakeEngineReply(
            body: #"{"Id":"c1","State":{"Status":"\#(status)","Running":\#(running),"ExitCode":\#(exit)},"RestartCount":\#(restarts)}"#)
    }

    private func watch(_ fake: FakeEngineTransport) throws -> ContainerWatch {
        try ContainerWatch(docker: DockerClient(transport: fake), id: "c1")
    }

    private func gone(_ watch: ContainerWatch, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try watch.state()
            return nil
        } catch let gone as ContainerWatch.Gone {
            return gone.actual
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testARunningContainerPasses() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true))
        XCTAssertNil(gone(try watch(fake)))
    }

    func testAnExitedContainerFailsWithItsStatus() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true))
        let w = try watch(fake)
        fake.on("GET", "/containers/c1/json", inspect(status: "exited", running: false, exit: 2))
        XCTAssertEqual(gone(w), "exited with status 2")
    }

    func testAContainerDockerRestartsFails() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true))
        let w = try watch(fake)
        fake.on("GET", "/containers/c1/json", inspect(status: "restarting", running: true, exit: 3, restarts: 1))
        XCTAssertEqual(gone(w), "exited with status 3 and was restarted by Docker 1 time(s)")
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true, exit: 0, restarts: 2))
        XCTAssertEqual(gone(w), "exited and was restarted by Docker 2 time(s)")
    }

    func testRestartsBeforeTheWatchBeganDoNotCount() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true, restarts: 4))
        XCTAssertNil(gone(try watch(fake)), "checks:run on a container Docker restarted last week")
    }

    func testARemovedContainerFails() throws {
        let fake = FakeEngineTransport()
        fake.on("GET", "/containers/c1/json", inspect(status: "running", running: true))
        let w = try watch(fake)
        fake.on("GET", "/containers/c1/json", FakeEngineReply(status: 404, body: #"{"message":"No such container: c1"}"#))
        XCTAssertEqual(gone(w), "removed")
    }
}
