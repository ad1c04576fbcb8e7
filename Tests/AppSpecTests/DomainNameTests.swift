import AppSpec
import XCTest

final class DomainNameTests: XCTestCase {
    func testValidDomainsAreLowercased() throws {
        XCTAssertEqual(try DomainName.validate("App.Example.COM"), "app.example.com")
        XCTAssertEqual(try DomainName.validate("*.x.y"), "*.x.y")
        XCTAssertEqual(try DomainName.validate("localhost"), "localhost")
        XCTAssertEqual(try DomainName.validate("a-1.b2.example"), "a-1.b2.example")
        XCTAssertEqual(try DomainName.validate("127.0.0.1"), "127.0.0.1")
    }

    func testInvalidDomains() {
        let long = String(repeating: "a", count: 64) + ".com"
        let tooLongTotal = Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: ".")
        for bad in ["bad domain", "", ".", "a..b", "-a.com", "a-.com", "a_b.com", "a.*.com", "*", "*.", "**.a", "a.com.", long, tooLongTotal, "ünï.com"] {
            assertRefused(
                "invalid domain '\(bad)': expected a hostname like app.example.com or *.example.com "
                    + "(letters, digits and '-', dot-separated labels of 1 to 63 characters)"
            ) { try DomainName.validate(bad) }
        }
    }
}
