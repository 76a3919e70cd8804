import {registry} from "@web/core/registry";

/**
 * The head of Moscow sales opens the interest of a salesman of the Moscow-1 group below his
 * department; St Petersburg's interests are not on his board
 * (data from crm_client_access/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_client_access_head_tour", {
    steps: () => [
        {
            content: "His subordinate's interest is on the board",
            trigger: ".o_kanban_record:contains(Интерес (Менеджер Москва-1))",
        },
        {
            content: "Another department's interest is not",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Интерес (Менеджер СПб))))",
        },
        {
            content: "Open it",
            trigger: ".o_kanban_record:contains(Интерес (Менеджер Москва-1))",
            run: "click",
        },
        {
            content: "The interest opens",
            trigger: ".o_breadcrumb .active:contains(Интерес (Менеджер Москва-1))",
        },
        {
            content: "He may work on it: write a note in the chatter",
            trigger: ".o-mail-Chatter-topbar button:contains(Log note)",
            run: "click",
        },
        {
            content: "Write it",
            trigger: ".o-mail-Composer-input",
            run: "edit Проверил интерес подчинённого",
        },
        {
            content: "Log it",
            trigger: ".o-mail-Composer button:contains(Log)",
            run: "click",
        },
        {
            content: "The note is on the interest",
            trigger: ".o-mail-Message:contains(Проверил интерес подчинённого)",
        },
    ],
});
