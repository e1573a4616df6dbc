import { expect, test } from "./fixtures";
import { clearSurveyRateLimits, completeSurvey, expectAccessible, makeInvite, makePublishedStudy, responsesOf, shot } from "./survey-helpers";

// The manager's distribution page: the public link and its QR code,
// single-use invitations with their CSV, open and close dates, the limit.

test.beforeEach(() => clearSurveyRateLimits());

test.describe("the manager's distribution page", () => {
  test("shows the public link with its QR code, makes invitations with a CSV, and sets dates and a limit", async ({
    page,
    workspace,
    signedInAs,
  }) => {
    const fixture = await makePublishedStudy({ workspaceId: workspace.id, segments: ["North", "South"] });
    await signedInAs(workspace.owner);
    await page.goto(`/studies/${fixture.studyId}/distribute`);
    await expect(page.getByRole("heading", { name: "Distribute", level: 1 })).toBeVisible();
    const surveyLink = page.getByRole("textbox", { name: "Survey link" });
    await expect(surveyLink).toHaveValue(new RegExp(`/s/${fixture.token}$`));
    await expect(page.getByRole("img", { name: "QR code for the survey link" }).locator("svg")).toBeVisible();
    await expect(page.getByTestId("survey-state")).toHaveText("Open for answers");
    const png = await page.request.get(`/studies/${fixture.studyId}/distribute/qr?format=png`);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect([...(await png.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = await page.request.get(`/studies/${fixture.studyId}/distribute/qr?format=svg`);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");

    // Invitations: the count is checked, then a batch is made in one go.
    await page.getByLabel("Number of links").fill("5001");
    await page.getByRole("button", { name: "Create invitations" }).click();
    await expect(page.getByText("At most 5,000 at a time.")).toBeVisible();
    await page.getByLabel("Number of links").fill("3");
    await page.getByLabel("Segment", { exact: true }).selectOption("South");
    await page.getByRole("button", { name: "Create invitations" }).click();
    await expect(page.getByText("3 invitation links created.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "South" })).toBeVisible();
    await shot(page, "distribute-desktop");
    const csv = await page.request.get(`/studies/${fixture.studyId}/distribute/invites`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe("url,segment,status,created_at,used_at");
    expect(lines).toHaveLength(4);
    const inviteUrl = lines[1].split(",")[0];
    expect(inviteUrl).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
    expect(lines[1].split(",").slice(1, 3)).toEqual(["South", "unused"]);

    // A customer answers one invitation: the page counts it, the CSV says used.
    const customer = await page.context().browser()!.newContext();
    const invitePage = await customer.newPage();
    await invitePage.goto(new URL(inviteUrl).pathname);
    await completeSurvey(invitePage);
    await customer.close();
    expect((await responsesOf(fixture.studyId))[0].segment).toBe("South");
    await page.reload();
    await expect(page.getByTestId("submitted-count")).toHaveText("1");
    await expect(page.getByTestId("invites-used")).toContainText("1");
    const after = (await (await page.request.get(`/studies/${fixture.studyId}/distribute/invites`)).text()).split(/\r\n/);
    expect(after.filter((l) => l.includes(",used,"))).toHaveLength(1);

    // Dates and a limit: closing in the past closes the survey for customers.
    // The schedule's own Save (the page has others, e.g. the follow-up and alerts form).
    const saveSchedule = page
      .locator("section", { has: page.getByRole("heading", { name: "When and how many" }) })
      .getByRole("button", { name: "Save" });
    await page.getByLabel("Opens (UTC)").fill("2026-01-10T08:00");
    await page.getByLabel("Closes (UTC)").fill("2026-01-01T08:00");
    await saveSchedule.click();
    await expect(page.getByText("The closing time must be after the opening time.")).toBeVisible();
    await page.getByLabel("Opens (UTC)").fill("");
    await page.getByLabel("Closes (UTC)").fill("2020-01-01T08:00");
    await page.getByLabel("Response limit").fill("250");
    await saveSchedule.click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await expect(page.getByTestId("survey-state")).toHaveText("Closed");
    await expect(page.getByTestId("submitted-count")).toContainText("of 250");
    await expectAccessible(page);
    const survey = await page.request.get(`/s/${fixture.token}`);
    expect(await survey.text()).toContain("This survey is closed");

    // Replacing the link: the old one stops, the new one works.
    await page.getByLabel("Closes (UTC)").fill("");
    await saveSchedule.click();
    await expect(page.getByText("Saved.")).toBeVisible();
    // A confirmation step first (it works without JavaScript), then the replacement.
    await page.getByText("Replace link…").click();
    await page.getByRole("button", { name: "Yes, replace the link" }).click();
    await expect(surveyLink).not.toHaveValue(new RegExp(`/s/${fixture.token}$`));
    const fresh = new URL(await surveyLink.inputValue()).pathname;
    expect(await (await page.request.get(`/s/${fixture.token}`)).text()).toContain("This survey link is no longer active");
    expect(await (await page.request.get(fresh)).text()).toContain("How was your experience with Harbour Hotel?");
  });

  test("an analyst can neither open it nor download invitations", async ({ page, workspace, signedInAs }) => {
    const fixture = await makePublishedStudy({ workspaceId: workspace.id });
    await makeInvite(fixture.studyId);
    const analyst = await workspace.member("analyst");
    await signedInAs(analyst);
    await page.goto(`/studies/${fixture.studyId}/distribute`);
    await expect(page).toHaveURL(/\/forbidden$/);
    const csv = await page.request.get(`/studies/${fixture.studyId}/distribute/invites`, { maxRedirects: 0 });
    expect(csv.status()).toBeGreaterThanOrEqual(300);
    expect(csv.status()).toBeLessThan(400);
    expect(await csv.text()).not.toContain("/s/");
  });

  test("another workspace's study is not found", async ({ page, workspace, signedInAs }) => {
    const foreign = await makePublishedStudy();
    await signedInAs(workspace.owner);
    const response = await page.goto(`/studies/${foreign.studyId}/distribute`);
    expect(response!.status()).toBe(404);
    const qr = await page.request.get(`/studies/${foreign.studyId}/distribute/qr?format=png`);
    expect(qr.status()).toBe(404);
  });
});
