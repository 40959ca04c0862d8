/// The core's tests also drive the adapters and the application pipelines around it.
@_exported import StewardApp
