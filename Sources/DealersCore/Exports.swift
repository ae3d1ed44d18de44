// The store engine and the shared support types are part of this library's API: code that
// imports DealersCore sees `DocumentStore`, `StoreKey`, `DealersError` … as before.
@_exported import DealersStore
@_exported import DealersSupport
