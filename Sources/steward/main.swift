import Foundation
import StewardCLI

// A file-size limit (ulimit -f) must make a write fail with EFBIG and a clear message,
// not kill the process silently halfway through a batch.
signal(SIGXFSZ, SIG_IGN)
exit(StewardCLI.main(Array(CommandLine.arguments.dropFirst())))
