# QuikApp's infrastructure, as an example module quikship plans and applies per environment
# (terraform.yaml: workingDirectory infrastructure/terraform). It models the Azure resources of the
# QuikApp documents (AKS, ACR, Key Vault, Log Analytics) with Terraform's built-in terraform_data,
# so it plans and applies anywhere with no provider download. A real module would use azurerm.
terraform {
  required_version = ">= 1.5"

  # State in Azure Storage; the platform's terraform.backend fills in the account and container,
  # each environment's quikapp-terraform-<env> group the key. Rehearsals replace it with a local
  # state file (quikship writes a backend override into its working copy).
  backend "azurerm" {}
}
