/** `/api/<name>.json`: the contract's JSON arrays and figure documents (see src/outputs/api.ts), one static file each. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getModel } from '../../data/model.ts';
import { API_DOCUMENTS, API_NAMES, apiArray, apiDocument, isApiDocument, isApiName } from '../../outputs/api.ts';

export const getStaticPaths = (() => [...API_NAMES, ...API_DOCUMENTS].map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const name = params.name;
  if (!isApiName(name) && !isApiDocument(name)) return new Response('Not found', { status: 404 });
  const model = await getModel();
  const body = JSON.stringify(isApiName(name) ? apiArray(model, name) : apiDocument(model, name));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
