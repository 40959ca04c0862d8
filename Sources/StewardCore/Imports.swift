/// The core speaks the kit's vocabulary (JSON values, timestamps, templates) in its own
/// API, so every client of the core sees the kit too.
@_exported import StewardKit
