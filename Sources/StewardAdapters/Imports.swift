/// The adapters read and write the core's types; their clients see the core through them.
@_exported import StewardCore
