// One import for the programs on top of the layers (the CLI, the portal, the bench and the
// tests): `import DealersCore` sees every layer's API, from the shared vocabulary to the pipeline.
// The layers themselves import only what is below them (Package.swift, docs/architecture.md).
@_exported import DealersDomain
@_exported import DealersDomainStore
@_exported import DealersFormats
@_exported import DealersLayouts
@_exported import DealersModel
@_exported import DealersOutbox
@_exported import DealersPipeline
@_exported import DealersReading
@_exported import DealersReports
@_exported import DealersSEPA
@_exported import DealersStore
@_exported import DealersSupport
@_exported import DealersValidation
@_exported import DealersWorkspace
