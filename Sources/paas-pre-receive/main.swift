import Foundation
import PaasCommands

exit(PreReceiveMain.main())
