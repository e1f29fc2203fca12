// The workbench's keyboard shortcuts, in the groups the sheet shows them. One list, so the sheet
// and its test agree; `mod` is the platform's modifier ("⌘" on Apple keyboards, "Ctrl" elsewhere).
export type Shortcut = { keys: string[][]; what: string };
export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

export function workbenchShortcuts(mod: string): ShortcutGroup[] {
  return [
    {
      title: "Running",
      shortcuts: [
        { keys: [[mod, "Enter"]], what: "Run the selection, or the statement under the cursor" },
        { keys: [["Esc"]], what: "Cancel the running query" },
        { keys: [[mod, "S"]], what: "Save the query" },
        { keys: [["Shift", "Alt", "F"]], what: "Format the SQL" },
      ],
    },
    {
      title: "Editor",
      shortcuts: [
        { keys: [["Ctrl", "Space"]], what: "Suggest tables, columns and keywords for the clause" },
        { keys: [[mod, "/"]], what: "Comment or uncomment the line" },
        { keys: [[mod, "F"]], what: "Find; " + mod + "+H replaces" },
        {
          keys: [
            ["Alt", "↑"],
            ["Alt", "↓"],
          ],
          what: "Move the line up or down",
        },
        { keys: [["F1"]], what: "All editor commands" },
      ],
    },
    {
      title: "Schema browser",
      shortcuts: [
        { keys: [["↑"], ["↓"]], what: "Move between catalogs, schemas, tables and columns" },
        { keys: [["→"], ["←"]], what: "Expand or collapse" },
        { keys: [["Enter"]], what: "Insert the name at the cursor" },
        { keys: [["Shift", "Enter"]], what: "Preview the table in a new tab" },
      ],
    },
    {
      title: "Anywhere",
      shortcuts: [
        { keys: [[mod, "K"]], what: "Search datasets" },
        { keys: [["?"], [mod, "/"]], what: "This list (" + mod + "+? inside the editor)" },
      ],
    },
  ];
}
