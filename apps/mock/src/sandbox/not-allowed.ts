// The API's `ProductNotAllowedException` for an action on an id that is not the merchant's: the guide names it for
// a delete with an incorrect customer id and documents no status. 403, as the only status the API documents for
// this exception, with a code other than 2003, so clients do not take it for a rejected token and re-authenticate.
import type { IHttpResponse } from "@stoplight/prism-http";
import { json } from "./answers.js";
import { supportId } from "./ids.js";

export const notAllowed = (details: string): IHttpResponse =>
  json(403, {
    status: "error",
    error: "ProductNotAllowedException",
    error_details: details,
    error_user: "Diese Aktion ist nicht erlaubt.",
    code: 0,
    supportId: supportId(),
  });
