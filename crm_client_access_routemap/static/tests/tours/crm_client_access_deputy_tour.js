import {registry} from "@web/core/registry";

/**
 * St Petersburg's salesman deputises for Moscow-1's, who is away: among the route-map tasks
 * he finds the absent colleague's task and completes it (data from
 * crm_client_access_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_client_access_deputy_tour", {
    steps: () => [
        {
            content: "His own tasks are shown first: show those he may work on",
            trigger: ".o_searchview_facet:contains(My Tasks) .o_facet_remove",
            run: "click",
        },
        {
            content: "The absent colleague's task is there",
            trigger: ".o_data_row:contains(Позвонить клиенту):contains(Менеджер Москва-1)",
        },
        {
            content: "Complete it",
            trigger:
                ".o_data_row:contains(Позвонить клиенту) button[name=action_open_complete]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name=action_complete]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal-dialog))",
        },
        {
            content: "The next task of the map is his, as the deputy",
            trigger: ".o_data_row:contains(Отправить предложение):contains(Менеджер СПб)",
        },
    ],
});
