// Admin › Teams, end to end: an admin creates a team, adds a member, makes the team the owner of
// a demo dataset, and the dataset page shows the team by name with its member. A viewer gets the
// admin page's refusal. A team as an alert recipient: its alert channel chosen in Admin › Teams, a
// rule naming it made in the rule dialog, a failed run's alert reaching the team's channel with
// its member named, and the rule showing the team as deleted once it is.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { BASE_URL } from "./env";
import { adminApi, callTrpc, createUser, signIn, SIGNED_OUT, untilHydrated } from "./helpers";

test("an admin creates a team, adds a member and makes it the owner of a dataset", async ({ page }) => {
  const member = await createUser({ label: "team-member", name: "Tina Member" });
  const suffix = Math.random().toString(36).slice(2, 8);
  const name = `Weather Team ${suffix}`;
  const slug = `weather-team-${suffix}`;

  await page.goto("/admin/teams");
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  // The header's button (an empty list offers a second one).
  const newTeam = page.getByRole("button", { name: "New team" }).first();
  await untilHydrated(newTeam);
  await newTeam.click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Looks after the weather data");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.getByText(`team:${slug}`)).toBeVisible();

  await page.getByLabel("Add members by e-mail").fill(member.email);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const members = page.getByRole("list", { name: `Members of ${name}` });
  await expect(members.getByRole("listitem")).toHaveCount(1);
  await expect(members).toContainText(member.email);
  await expect(members).toContainText("added by hand");

  // An unknown e-mail is refused with a message, and nothing changes.
  await page.getByLabel("Add members by e-mail").fill("nobody-here@e2e.test");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("unknown user: nobody-here@e2e.test")).toBeVisible();
  await expect(members.getByRole("listitem")).toHaveCount(1);

  // The team becomes an owner of a demo dataset.
  await page.goto("/catalog/duckdb/lakehouse/staging/seattle_weather");
  await expect(page.getByRole("heading", { level: 1, name: "seattle_weather" })).toBeVisible();
  await untilHydrated(page.getByRole("button", { name: "Edit owners" }));
  await page.getByRole("button", { name: "Edit owners" }).click();
  await page.getByRole("combobox", { name: "Add to owners" }).fill(`team:${slug}`);
  await page.getByRole("combobox", { name: "Add to owners" }).press("Enter");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("button", { name: "Edit owners" })).toBeVisible();
  const owners = page.getByRole("listitem").filter({ hasText: name });
  await expect(owners).toContainText("team");
  await expect(owners).toContainText(member.email);

  // Seen again after a reload (stored, not just the page's state), and the team counts it.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText(member.email);
  await page.goto("/admin/teams");
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByText("owns 1 dataset")).toBeVisible();
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });
  test("a viewer is refused Admin › Teams", async ({ page }) => {
    const viewer = await createUser({ label: "teams-viewer", role: "viewer" });
    await signIn(page, viewer);
    await page.goto("/admin/teams");
    await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "You need the admin role to see this page" })).toBeVisible();
  });
});

test("a team as an alert recipient: its channel hears the alert with the team's member named; a deleted team shows on the rule", async ({ page }) => {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => (bodies.push(Buffer.concat(chunks).toString("utf8")), res.writeHead(200).end("ok")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const tag = Math.random().toString(36).slice(2, 8);
    const api = await adminApi();
    const member = await createUser({ label: "alert-team-member", name: "Alma Alert" });
    await callTrpc(api, "alerts.createChannel", {
      name: `team room ${tag}`,
      kind: "slack",
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    });
    const team = await callTrpc<{ id: string; name: string }>(api, "teams.create", { name: `On Call ${tag}`, description: "" });
    await callTrpc(api, "teams.addMembers", { teamId: team.id, emails: [member.email] });

    // The team's alert channel, chosen in Admin › Teams.
    await page.goto("/admin/teams");
    await page.getByLabel("Search teams").fill(team.name);
    await page.getByRole("button", { name: new RegExp(`^${team.name}`) }).click();
    await expect(page.getByRole("heading", { name: team.name, level: 2 })).toBeVisible();
    await untilHydrated(page.getByLabel("Alert channel"));
    await page.getByLabel("Alert channel").selectOption({ label: `team room ${tag}` });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    // A rule that names the team and no channel of its own.
    const dag = `e2e_team_alert_${tag}`;
    await page.goto("/pipelines/alerts");
    await untilHydrated(page.getByRole("button", { name: "New rule" }));
    await page.getByRole("button", { name: "New rule" }).click();
    const dialog = page.getByRole("dialog", { name: "New alert rule" });
    await dialog.getByLabel("Name", { exact: true }).fill(`team rule ${tag}`);
    await dialog.getByLabel("Scope").selectOption("job");
    await dialog.getByLabel("Job", { exact: true }).fill(`airflow://e2e-teams:${dag}`);
    await dialog.getByLabel("Search teams").fill(team.name);
    await dialog.getByLabel("Add a team").selectOption({ label: `${team.name} → team room ${tag}` });
    await expect(dialog.getByRole("list", { name: "Chosen teams" })).toContainText(team.name);
    await dialog.getByRole("button", { name: "Create rule" }).click();
    await expect(dialog).toBeHidden();
    const rule = page
      .getByRole("list", { name: "Rules" })
      .getByRole("listitem")
      .filter({ hasText: `team rule ${tag}` });
    await expect(rule.getByRole("list", { name: "Teams notified" })).toContainText(`Team ${team.name} → team room ${tag}`);

    // The job fails: the team's channel gets the alert, naming the member.
    const runId = randomUUID();
    const sent = await page.request.post("/api/v1/lineage", {
      headers: { origin: BASE_URL },
      data: {
        eventType: "FAIL",
        eventTime: new Date().toISOString(),
        producer: "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0",
        schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        run: { runId, facets: {} },
        job: { namespace: "airflow://e2e-teams", name: dag, facets: {} },
        inputs: [],
        outputs: [],
      },
    });
    expect(sent.ok()).toBe(true); // 201: one event stored
    await expect.poll(() => bodies.find((b) => b.includes(`Job failed: ${dag}`)) ?? "", { timeout: 60_000 }).toContain(`Team ${team.name}: ${member.email}`);

    // The team is deleted: the rule says so.
    await callTrpc(api, "teams.delete", { teamId: team.id, confirmName: team.name });
    await page.reload();
    await expect(rule.getByRole("list", { name: "Teams notified" })).toContainText("Deleted team");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
