output "aks_cluster_name" {
  value = terraform_data.aks.output.name
}

output "acr_login_server" {
  value = "${terraform_data.acr.output.name}.azurecr.io"
}

output "key_vault_name" {
  value = terraform_data.key_vault.output.name
}

# Stands for a credential the module creates: sensitive, so quikship never stores its value.
output "registry_token" {
  value     = sha256("${terraform_data.acr.id}/${var.environment}")
  sensitive = true
}
