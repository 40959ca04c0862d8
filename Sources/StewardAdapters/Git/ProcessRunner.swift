import Foundation

/// The outcome of running a program.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: String
    /// stdout as text, without the final newline.
    public var text: String {
        var s = String(decoding: stdout, as: UTF8.self)
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

/// Runs external programs (git) and captures their output. The only place Steward spawns processes.
public enum ProcessRunner {
    /// Runs `executable` (looked up on PATH) with `arguments` in `directory`.
    public static func run(_ executable: String, _ arguments: [String], in directory: String?,
                           environment: [String: String]? = nil, input: [UInt8]? = nil) throws(StoreError) -> ProcessOutput {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [executable] + arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = input.map { _ in Pipe() }
        if let inPipe { p.standardInput = inPipe } else { p.standardInput = FileHandle.nullDevice }
        // Not waitUntilExit(): on Linux it polls a run loop every 50 ms, so each short git
        // call would cost up to 50 ms of sleep (check --base makes 2 per changed file).
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        do { try p.run() } catch {
            throw StoreError(.io, "cannot run \(executable): \(error.localizedDescription)")
        }
        // The writer and the stderr reader block on their pipes, so each gets a thread of its
        // own: on the global dispatch queues (a pool of one thread per core here) two git
        // processes run at once would wait for each other's readers.
        if let inPipe, let input {
            let writer = inPipe.fileHandleForWriting
            let payload = Data(input)
            Thread.detachNewThread {
                writer.write(payload)
                try? writer.close()
            }
        }
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let errReader = err.fileHandleForReading
        let errData = Background { errReader.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errBytes = try! errData.value()   // reading a pipe to its end cannot throw
        exited.wait()
        return ProcessOutput(status: p.terminationStatus, stdout: [UInt8](outData),
                             stderr: String(decoding: errBytes, as: UTF8.self))
    }
}
