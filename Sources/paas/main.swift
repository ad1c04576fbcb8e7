import Foundation
import PaasCommands

exit(PaasMain.main(CommandLine.arguments))
