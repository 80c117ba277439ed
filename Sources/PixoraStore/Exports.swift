@_exported import SQLKit
