import Foundation
import StewardCLI

exit(StewardCLI.main(Array(CommandLine.arguments.dropFirst())))
