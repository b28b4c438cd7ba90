package provider_test

import (
	"os"
	"testing"
)

// TestMain gives the in-process provider its registry address, smsgateway/gateway, so that
// test configurations and the docs' examples can name it exactly as users do.
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		if err := os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "smsgateway"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
