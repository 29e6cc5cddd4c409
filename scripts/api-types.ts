/**
 * The dashboard's API types, generated from the OpenAPI document the server serves
 * (openapi-typescript), formatted as the rest of the tree. `npm run api-types` writes them to
 * API_TYPES_PATH; a test regenerates them in memory and fails when the committed file differs.
 */
import openapiTS, { astToString } from "openapi-typescript";
import prettier from "prettier";

export const API_TYPES_PATH = "dashboard/src/api-types.ts";

const HEADER = `/**
 * The API's types, generated from its OpenAPI document (/openapi.json) by openapi-typescript.
 * Do not edit: run \`npm run api-types\` after changing a route's schemas (a test fails while this file is stale).
 */
`;

/** The TypeScript source of the API types for an OpenAPI document (its JSON text). */
export async function apiTypesSource(documentJson: string): Promise<string> {
  const body = astToString(await openapiTS(documentJson, { alphabetize: true }));
  const options = (await prettier.resolveConfig(API_TYPES_PATH)) ?? {};
  return prettier.format(HEADER + body, { ...options, filepath: API_TYPES_PATH });
}
