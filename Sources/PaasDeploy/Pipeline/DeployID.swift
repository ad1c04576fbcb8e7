import Foundation

/// A short random id naming one deploy; containers carry it so leftovers can be told apart.
public enum DeployID {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }
}
