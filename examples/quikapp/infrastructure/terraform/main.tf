locals {
  prefix = "quikapp-${var.environment}"
}

resource "terraform_data" "resource_group" {
  input = { name = "rg-${local.prefix}", location = "westeurope" }
}

resource "terraform_data" "log_analytics" {
  input = { name = "log-${local.prefix}", resource_group = terraform_data.resource_group.output.name, retention_days = var.log_retention_days }
}

resource "terraform_data" "aks" {
  input = {
    name           = "aks-${local.prefix}"
    resource_group = terraform_data.resource_group.output.name
    sku_tier       = var.aks_sku
    node_min       = var.aks_node_min
    node_max       = var.aks_node_max
    log_workspace  = terraform_data.log_analytics.output.name
  }

  lifecycle {
    precondition {
      condition     = var.aks_node_min <= var.aks_node_max
      error_message = "aks_node_min must not exceed aks_node_max."
    }
  }
}

resource "terraform_data" "acr" {
  input = { name = replace("acr${local.prefix}", "-", ""), sku = var.acr_sku, geo_replication = var.acr_geo_replication }
}

resource "terraform_data" "key_vault" {
  input = {
    name              = "kv-${local.prefix}"
    sku               = var.key_vault_sku
    purge_protection  = var.purge_protection
    private_endpoints = var.private_endpoints
  }
}
