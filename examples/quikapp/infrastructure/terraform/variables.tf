# One value per row of the Terraform environment configurations table (terraform.yaml).

variable "environment" {
  type        = string
  description = "Environment name: dev, qa, staging or prod."
}

variable "aks_sku" {
  type        = string
  description = "AKS control plane tier: Free or Standard."

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.aks_sku)
    error_message = "aks_sku must be Free, Standard or Premium."
  }
}

variable "aks_node_min" {
  type = number
}

variable "aks_node_max" {
  type = number

  validation {
    condition     = var.aks_node_max >= 1
    error_message = "aks_node_max must be at least 1."
  }
}

variable "acr_sku" {
  type = string
}

variable "acr_geo_replication" {
  type = bool
}

variable "key_vault_sku" {
  type = string
}

variable "purge_protection" {
  type = bool
}

variable "private_endpoints" {
  type = bool
}

variable "log_retention_days" {
  type = number
}
