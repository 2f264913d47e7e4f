import Dispatch

/// Two pieces of work at once, the second on another thread: how the reader
/// splits a large text (line ends, rows, column copies) and the writer a large
/// panel in halves.
enum SecondThread {
    /// Runs `other` on another thread while `here` runs on this one and
    /// returns both results once both are done (the wait orders the other
    /// thread's result before this thread reads it).
    static func run<Here, Other>(_ here: () -> Here,
                                 beside other: @escaping @Sendable () -> Other) -> (here: Here, other: Other) {
        let slot = Slot<Other>()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            slot.value = other()
            done.signal()
        }
        let result = here()
        done.wait()
        return (result, slot.value!)
    }

    /// The other thread's result, written before it signals.
    private final class Slot<Value>: @unchecked Sendable {
        var value: Value?
    }
}
