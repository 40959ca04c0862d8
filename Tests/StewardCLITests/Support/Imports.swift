/// The command-line tests set up estates and repositories with the adapters.
@_exported import StewardApp
