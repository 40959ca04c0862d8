/// The application composes adapters and core; its clients see both through it.
@_exported import StewardAdapters
