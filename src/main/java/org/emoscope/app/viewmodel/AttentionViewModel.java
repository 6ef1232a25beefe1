package org.emoscope.app.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.Inspection;
import org.emoscope.pipeline.WindowResult;

/**
 * The attention page's state: which analysed stretch (a file, or the last seconds of live audio) and which of its
 * windows. Follows {@link Events.InspectRequested}.
 */
public final class AttentionViewModel {

    private final ObjectProperty<Inspection> inspection = new SimpleObjectProperty<>();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ObjectBinding<WindowResult> window;

    public AttentionViewModel(EventBus bus) {
        window = Bindings.createObjectBinding(() -> {
            Inspection i = inspection.get();
            int s = selected.get();
            return i == null || s < 0 || s >= i.windows().size() ? null : i.windows().get(s);
        }, inspection, selected);
        bus.subscribe(Events.InspectRequested.class, e -> show(e.inspection(), e.selected()));
    }

    public void show(Inspection i, int index) {
        if (i != inspection.get()) {
            selected.set(-1);
            inspection.set(i);
        }
        select(index);
    }

    public void select(int index) {
        Inspection i = inspection.get();
        if (i == null || i.windows().isEmpty()) return;
        selected.set(Math.max(0, Math.min(index, i.windows().size() - 1)));
    }

    public void next() {
        select(selected.get() + 1);
    }

    public void previous() {
        select(selected.get() - 1);
    }

    /** Selects the window centred nearest to stream time {@code t}. */
    public void selectAt(double t) {
        Inspection i = inspection.get();
        if (i == null) return;
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < i.windows().size(); k++) {
            WindowResult w = i.windows().get(k);
            double d = Math.abs((w.startSeconds() + w.endSeconds()) / 2 - t);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best >= 0) select(best);
    }

    public ObjectProperty<Inspection> inspection() {
        return inspection;
    }

    public IntegerProperty selected() {
        return selected;
    }

    /** The selected window, or null. */
    public ObjectBinding<WindowResult> window() {
        return window;
    }
}
