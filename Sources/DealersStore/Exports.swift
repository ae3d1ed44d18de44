// `DealersError` and the file helpers are part of the store's API.
@_exported import DealersSupport
