import Foundation

/// The author's side of the protocol: read the request, hand it to your code, write the reply.
///
/// ```swift
/// import PaasPluginKit
/// Plugin.run { request in
///     Plugin.log("deployed \(request.app ?? "?")")
///     return .continue
/// }
/// ```
public enum Plugin {
    /// Reads the request, calls `handler`, writes its reply and exits.
    ///
    /// For a trigger the reply goes to stdout as JSON and the exit status is 0. For a command
    /// (stdout belongs to the user) `.continue` exits 0 and `.stop(message)` prints the message
    /// to stderr and exits 1. An error thrown by `handler` is printed to stderr and exits 1.
    ///
    /// Started ahead (`PAAS_PRESTARTED=1`), the wait for the request is put to use: the kit
    /// reads and writes a sample request and reply of the trigger once, and calls `prepare`, so
    /// that what runs after the request comes runs warm. `prepare` must have no effect outside
    /// the process (read files, decode, look things up; change nothing): the deploy may still
    /// fail before the request comes.
    public static func run(prepare: () -> Void = {}, _ handler: (PluginRequest) throws -> PluginReply) -> Never {
        do {
            let environment = ProcessInfo.processInfo.environment
            let isCommand = environment[PluginProtocol.Environment.command] != nil
            if environment[PluginProtocol.Environment.prestarted] == "1", !isCommand {
                warmUp(trigger: environment[PluginProtocol.Environment.trigger])
                prepare()
            }
            let input = isCommand ? [] : [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            // Started ahead by the core, which then needed no request after all.
            if environment[PluginProtocol.Environment.prestarted] == "1", input.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
                exit(0)
            }
            let request = try Plugin.request(
                stdin: input, environment: environment, arguments: Array(CommandLine.arguments.dropFirst()))
            let reply = try handler(request)
            if request.kind == .command {
                if reply.action == .stop { log(reply.message ?? "stopped") }
                exit(reply.action == .stop ? 1 : 0)
            }
            FileHandle.standardOutput.write(Data(try encode(reply)))
            exit(0)
        } catch {
            log("\(error)")
            exit(1)
        }
    }

    /// Goes once through what reading a request of `trigger` and answering it involves — the
    /// JSON coders, the request, the payload type — with the trigger's first sample, and throws
    /// the results away. Foundation's coders and Swift's type metadata are set up on first use
    /// (several milliseconds); done here, that set-up is not paid after the request comes.
    /// `run` does it for a handler started ahead; a plugin reading its request another way can
    /// call it while it waits.
    /// - Returns: whether the sample went all the way through (false: unknown trigger).
    @discardableResult
    public static func warmUp(trigger name: String?) -> Bool {
        guard let name, let trigger = TriggerCatalog.named(name) else { return false }
        func roundTrip<P: TriggerPayload>(_ type: P.Type) -> Bool {
            guard let sample = P.samples.first,
                let data = try? sample.jsonValue(),
                let bytes = try? JSONEncoder().encode(
                    PluginRequest(kind: .trigger, name: name, app: nil, data: data, paasVersion: "")),
                let request = try? request(stdin: Array(bytes), environment: [:], arguments: [])
            else { return false }
            return (try? P(jsonValue: request.data)) == sample
        }
        let through = roundTrip(trigger.payloadType)
        _ = try? encode(.continue)
        return through
    }

    /// Writes `text` and a newline to stderr, which the core streams to the user.
    public static func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The request of this run: the JSON on stdin if any, else `PAAS_REQUEST`, else one made
    /// from the `PAAS_*` variables and `arguments` (whose first element is the trigger or
    /// command name, as the core passes it).
    public static func request(stdin: [UInt8], environment: [String: String], arguments: [String]) throws
        -> PluginRequest
    {
        let text = String(decoding: stdin, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { return try decode(Array(text.utf8)) }
        if let json = environment[PluginProtocol.Environment.request], !json.isEmpty {
            return try decode(Array(json.utf8))
        }
        typealias E = PluginProtocol.Environment
        let isCommand = environment[E.command] != nil
        guard let name = environment[isCommand ? E.command : E.trigger] else {
            throw PluginKitError.noRequest
        }
        return PluginRequest(
            protocol: environment[E.protocol].flatMap(Int.init) ?? PluginProtocol.version,
            kind: isCommand ? .command : .trigger, name: name, app: environment[E.app],
            args: isCommand ? Array(arguments.dropFirst()) : [],
            paasVersion: environment[E.paasVersion] ?? "")
    }

    /// A request from its JSON text.
    public static func decode(_ json: [UInt8]) throws -> PluginRequest {
        do {
            return try JSONDecoder().decode(PluginRequest.self, from: Data(json))
        } catch {
            throw PluginKitError.badRequest("\(error)")
        }
    }

    /// The JSON text of `reply`, keys sorted, ending with a newline.
    public static func encode(_ reply: PluginReply) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(reply)) + [0x0A]
    }
}

/// Why a plugin could not read its request.
public enum PluginKitError: Error, CustomStringConvertible {
    /// Neither stdin nor the environment held a request.
    case noRequest
    /// The request was not valid JSON of the expected shape.
    case badRequest(String)

    public var description: String {
        switch self {
        case .noRequest:
            return "no request: expected JSON on stdin or PAAS_TRIGGER/PAAS_COMMAND in the environment (run me from paas)"
        case .badRequest(let why): return "cannot read the request from paas: \(why)"
        }
    }
}
