terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

# The API key comes from the GATEWAY_API_KEY environment variable; the endpoint could come
# from GATEWAY_ENDPOINT instead of being written here.
provider "gateway" {
  endpoint = "https://alphasms.ua"
}
