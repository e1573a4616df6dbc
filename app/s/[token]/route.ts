import { surveyGet } from "./get-survey";
import { surveyPost } from "./post-step";
import { chooseSurveyLanguage } from "@/lib/survey/language";
import { surveyTranslator } from "@/ui/survey/translator";
import { htmlResponse, page, problemMessage } from "./render";

// The customer's survey, served as plain HTML by this route handler rather
// than as a React page: it then ships no framework JavaScript at all (an App
// Router page carries ~130 KB gzipped of it), and a step post can answer 422
// with the step itself, errors beside the fields, when JavaScript is off.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

// No stack trace or internal detail ever reaches the customer.
function failed(request: Request, error: unknown): Response {
  console.error("Survey request failed", error);
  try {
    const locale = chooseSurveyLanguage({ acceptLanguage: request.headers.get("accept-language") });
    const t = surveyTranslator(locale);
    return page({ locale, t, title: t("problem.errorTitle") }, problemMessage(t, "error", ""), 500);
  } catch {
    // The messages themselves failed: a fixed page that needs nothing.
  }
  return htmlResponse(
    '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Something went wrong</title><main style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>Something went wrong on our side</h1><p>Your answers from earlier steps are saved. Please try again in a moment.</p></main></html>',
    500,
  );
}

export async function GET(request: Request, { params }: Context) {
  try {
    return await surveyGet(request, (await params).token);
  } catch (error) {
    return failed(request, error);
  }
}

export async function POST(request: Request, { params }: Context) {
  try {
    return await surveyPost(request, (await params).token);
  } catch (error) {
    return failed(request, error);
  }
}
