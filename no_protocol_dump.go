package main

import "os"

// noProtocolDump switches off terraform-plugin-go's TF_LOG_SDK_PROTO_DATA_DIR, a debugging aid
// that writes every request's data to files as it came: the provider's configuration, api_key
// included. The key is never stored, not even for a debugging session.
// TestProtocolDataDumpHoldsNoKey (internal/e2e) keeps it so.
func noProtocolDump() {
	_ = os.Unsetenv("TF_LOG_SDK_PROTO_DATA_DIR")
}
