import {
    Component,
    onMounted,
    onPatched,
    onWillUnmount,
    useExternalListener,
    useRef,
    useState,
} from "@odoo/owl";
import {loadCSS, loadJS} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const LIB = "/crm_routemap/static/lib/node_modules/bpmn-js/dist";
const MODELER = `${LIB}/bpmn-modeler.production.min.js`;
const VIEWER = `${LIB}/bpmn-navigated-viewer.production.min.js`;
const CSS = [
    `${LIB}/assets/diagram-js.css`,
    `${LIB}/assets/bpmn-js.css`,
    `${LIB}/assets/bpmn-font/css/bpmn-embedded.css`,
];
// Room kept free around the fitted diagram, in screen pixels: the palette's own margin on
// the left, the context pad (two columns of entries beside the selected point) on the right.
const MARGIN = 24;
const CONTEXT_PAD = 90;
// Both bundles define window.BpmnJS: keep each one's class as soon as it is loaded.
const classes = {};

async function loadBpmnJS(url) {
    if (!classes[url]) {
        await Promise.all(CSS.map((css) => loadCSS(css)));
        await loadJS(url);
        classes[url] = window.BpmnJS;
    }
    return classes[url];
}

/**
 * The map's XML with the names of the elements listed in `labels` (element id -> name in
 * the reader's language) put in place of the drawn ones. The stored XML is not touched:
 * only what the diagram shows changes. An element drawn without a name stays without a
 * label (its point's readable name, "Join 1", is for lists, not for the drawing).
 */
export function translateXml(xml, labels) {
    if (!labels || !Object.keys(labels).length) {
        return xml;
    }
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) {
        return xml;
    }
    let changed = false;
    for (const element of doc.querySelectorAll("[id]")) {
        const label = labels[element.getAttribute("id")];
        const drawn = element.getAttribute("name");
        if (label && drawn && drawn !== label) {
            element.setAttribute("name", label);
            changed = true;
        }
    }
    return changed ? new XMLSerializer().serializeToString(doc) : xml;
}

/**
 * The route map as a diagram: the bpmn.io modeler on the map form (saving writes the
 * BPMN XML into the field), the viewer elsewhere with the process's current points marked.
 * It takes its tab's whole width, fits the diagram on open (clear of the palette and with
 * room for the context pad), follows its own size, and goes full screen on demand.
 */
export class RoutemapDiagramField extends Component {
    static template = "crm_routemap.RoutemapDiagramField";
    static props = {
        ...standardFieldProps,
        viewer: {type: Boolean, optional: true},
        currentField: {type: String, optional: true},
        labelsField: {type: String, optional: true},
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.state = useState({missing: false, error: "", fullscreen: false});
        this.lastXml = null;
        this.lastLabels = null;
        this.marked = [];
        // the diagram is fitted again when its box changes, until the user zooms or pans
        this.autoFit = true;
        this.fitting = false;
        this.refitPending = false;
        this.releasePage = () => {};
        useExternalListener(window, "keydown", (ev) => {
            if (ev.key === "Escape" && this.state.fullscreen) {
                this.toggleFullscreen();
            }
        });
        onMounted(() => this.start());
        onPatched(() => {
            if (this.refitPending) {
                // in or out of full screen: the new box is laid out, fit the map in it now
                this.refitPending = false;
                this.resized();
            }
            this.refresh();
        });
        onWillUnmount(() => {
            this.releasePage();
            if (this.resizeObserver) {
                this.resizeObserver.disconnect();
            }
            if (this.bpmn) {
                this.bpmn.destroy();
            }
        });
    }

    get isViewer() {
        return this.props.viewer || this.props.readonly;
    }

    get xml() {
        return this.props.record.data[this.props.name] || "";
    }

    get labels() {
        return (this.props.labelsField && this.props.record.data[this.props.labelsField]) || {};
    }

    get currentElements() {
        const value = this.props.currentField && this.props.record.data[this.props.currentField];
        return value ? value.split(",").filter(Boolean) : [];
    }

    get fullscreenTitle() {
        return this.state.fullscreen ? _t("Leave full screen (Esc)") : _t("Full screen");
    }

    get fitTitle() {
        return _t("Fit the diagram");
    }

    async start() {
        let BpmnJS = null;
        try {
            BpmnJS = await loadBpmnJS(this.isViewer ? VIEWER : MODELER);
        } catch {
            BpmnJS = null;
        }
        if (!BpmnJS || !this.canvasRef.el) {
            this.state.missing = !BpmnJS;
            return;
        }
        this.bpmn = new BpmnJS({container: this.canvasRef.el});
        if (!this.isViewer) {
            this.bpmn.on("commandStack.changed", () => this.save());
            // (before the text box is made: making and focusing it scrolls the page)
            this.bpmn.on("directEditing.activate.allowed", () => this.holdPage());
            this.bpmn.on("directEditing.deactivate", () => this.releasePage());
        }
        this.bpmn.on("canvas.viewbox.changing", () => {
            if (!this.fitting) {
                this.autoFit = false;
            }
        });
        this.resizeObserver = new ResizeObserver(() => this.resized());
        this.resizeObserver.observe(this.canvasRef.el);
        await this.refresh();
    }

    async refresh() {
        if (!this.bpmn) {
            return;
        }
        const labels = JSON.stringify(this.labels);
        if (this.xml && (this.xml !== this.lastXml || labels !== this.lastLabels)) {
            const first = this.lastXml === null;
            this.lastXml = this.xml;
            this.lastLabels = labels;
            try {
                await this.bpmn.importXML(translateXml(this.xml, this.labels));
                this.state.error = "";
                if (first || this.autoFit) {
                    this.fit();
                }
            } catch (error) {
                this.state.error = error.message;
            }
        }
        this.mark();
    }

    resized() {
        if (!this.bpmn) {
            return;
        }
        // (the modeler scrolls the selection back into view on a resize: not the user's
        // own zoom or pan, the map is still fitted)
        this.fitting = true;
        try {
            this.bpmn.get("canvas").resized();
        } finally {
            this.fitting = false;
        }
        if (this.autoFit) {
            this.fit();
        }
    }

    /**
     * Fit the whole diagram in the canvas (as canvas.zoom("fit-viewport") does, never above
     * 100%), keeping the palette's column and the context pad's room free.
     */
    fit() {
        if (!this.bpmn) {
            return;
        }
        const canvas = this.bpmn.get("canvas");
        this.fitting = true;
        try {
            canvas.zoom("fit-viewport", "auto");
            const {inner, outer} = canvas.viewbox();
            if (!inner.width || !inner.height || !outer.width || !outer.height) {
                return;
            }
            const palette = this.canvasRef.el.querySelector(".djs-palette");
            const left = MARGIN + (palette ? palette.offsetLeft + palette.offsetWidth : 0);
            const right = this.isViewer ? MARGIN : CONTEXT_PAD;
            const width = Math.max(outer.width - left - right, outer.width / 4);
            const height = Math.max(outer.height - 2 * MARGIN, outer.height / 4);
            const scale = Math.min(width / inner.width, height / inner.height, 1);
            canvas.viewbox({
                x: inner.x - (left + (width - inner.width * scale) / 2) / scale,
                y: inner.y - (MARGIN + (height - inner.height * scale) / 2) / scale,
                width: outer.width / scale,
                height: outer.height / scale,
            });
        } finally {
            this.fitting = false;
        }
        this.autoFit = true;
    }

    /**
     * Keep the page where it is while a label is edited: the browser scrolls the boxes
     * around the diagram to bring the text being typed into view, and the page jumps. A
     * scroll of the user's own (wheel, touch, a dragged scrollbar) is followed.
     */
    holdPage() {
        this.releasePage();
        const canvas = this.canvasRef.el;
        const boxes = [document.scrollingElement, canvas.querySelector(".djs-container")];
        for (let box = canvas; box; box = box.parentElement) {
            boxes.push(box);
        }
        const kept = new Map(
            boxes.filter(Boolean).map((box) => [box, [box.scrollTop, box.scrollLeft]])
        );
        let byUserAt = 0;
        const byUser = (ev) => {
            if (ev.type !== "pointermove" || ev.buttons) {
                byUserAt = Date.now();
            }
        };
        const onScroll = (ev) => {
            const box = ev.target === document ? document.scrollingElement : ev.target;
            if (!kept.has(box)) {
                return;
            }
            if (Date.now() - byUserAt < 1000) {
                kept.set(box, [box.scrollTop, box.scrollLeft]);
                return;
            }
            const [top, left] = kept.get(box);
            if (box.scrollTop !== top || box.scrollLeft !== left) {
                box.scrollTop = top;
                box.scrollLeft = left;
            }
        };
        const options = {capture: true, passive: true};
        const userEvents = ["wheel", "touchmove", "pointermove"];
        document.addEventListener("scroll", onScroll, true);
        for (const type of userEvents) {
            window.addEventListener(type, byUser, options);
        }
        this.releasePage = () => {
            document.removeEventListener("scroll", onScroll, true);
            for (const type of userEvents) {
                window.removeEventListener(type, byUser, options);
            }
            this.releasePage = () => {};
        };
    }

    toggleFullscreen() {
        this.state.fullscreen = !this.state.fullscreen;
        this.autoFit = true;
        this.refitPending = true;
    }

    mark() {
        const canvas = this.bpmn.get("canvas");
        const registryEl = this.bpmn.get("elementRegistry");
        for (const id of this.marked) {
            if (registryEl.get(id)) {
                canvas.removeMarker(id, "o_routemap_current");
            }
        }
        this.marked = this.currentElements.filter((id) => registryEl.get(id));
        for (const id of this.marked) {
            canvas.addMarker(id, "o_routemap_current");
        }
    }

    async save() {
        const {xml} = await this.bpmn.saveXML({format: true});
        this.lastXml = xml;
        await this.props.record.update({[this.props.name]: xml});
    }

    get missingMessage() {
        return _t(
            "The diagram editor (bpmn-js) is not installed. Fetch it with: npm ci --prefix crm_routemap/static/lib"
        );
    }
}

export const routemapDiagramField = {
    component: RoutemapDiagramField,
    displayName: _t("Route map diagram"),
    supportedTypes: ["text"],
    extractProps: ({options}) => ({
        viewer: Boolean(options.viewer),
        currentField: options.current_field,
        labelsField: options.labels_field,
    }),
    fieldDependencies: [],
};

registry.category("fields").add("routemap_bpmn", routemapDiagramField);
