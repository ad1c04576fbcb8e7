import AppSpec
import XCTest

final class DockerfileTests: XCTestCase {
    func testExposedPorts() {
        let text = """
            FROM busybox
            # EXPOSE 1
            EXPOSE 5000
            expose 8080/tcp 53/udp 9000/TCP \\
                9001 \\
                5000
            RUN echo EXPOSE 7
            EXPOSE $PORT 7000-7002 0 70000
            Expose\t3000
            """
        XCTAssertEqual(Dockerfile.exposedPorts(text), [5000, 8080, 9000, 9001, 3000])
    }

    func testEscapeDirectiveAndCRLF() {
        XCTAssertEqual(Dockerfile.exposedPorts("# escape=`\r\nFROM x\r\nEXPOSE 80 `\r\n 443\r\n"), [80, 443])
        XCTAssertEqual(Dockerfile.exposedPorts("FROM x\nCMD run\n"), [])
    }
}
