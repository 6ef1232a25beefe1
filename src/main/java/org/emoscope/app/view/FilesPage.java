package org.emoscope.app.view;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.view.chart.FileTracks;
import org.emoscope.app.view.chart.LabelColors;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.FilesViewModel;
import org.emoscope.pipeline.FileAnalysis;

import java.util.List;
import java.util.Locale;

/**
 * File mode: the dropped or opened files and, for the selected one, its waveform, spectrogram, attention and
 * emotion timeline on one time axis, playback with a moving cursor, and the clicked moment's probabilities.
 */
public final class FilesPage implements Page {

    /** What the window's actions (open, export, save image) do; supplied by the main window. */
    public interface Actions {
        void open();

        void export();

        void saveImage();
    }

    private final FilesViewModel vm;
    private final VBox root;
    private final FileTracks tracks = new FileTracks();
    private final MomentPanel moment;
    private final Label title = new Label();
    private final Label summary = new Label();
    private final FlowPane legend = new FlowPane(10, 4);
    private final Button play = new Button("▶  Play");
    private final StackPane detailStack;
    private final VBox detail;
    private final Node empty;
    private FileItem shown;
    private final InvalidationListener analysisChanged = o -> refreshDetail();
    private final InvalidationListener selectionChanged = o -> selectionMoved();
    private final InvalidationListener cursorMoved = o -> tracks.paintOverlay();
    private final InvalidationListener playingChanged = o -> updatePlay();

    public FilesPage(FilesViewModel vm, ObservableValue<ChartTheme> theme, Actions actions,
                     ImageView emptyIcon) {
        this.vm = vm;
        this.moment = new MomentPanel();
        Button open = Ui.button("Open files…", "Ctrl+O", actions::open);
        open.setId("open-files");
        open.getStyleClass().add("accent");
        Button export = Ui.button("Export timeline…", "CSV or JSON with the CLI's fields (Ctrl+E); JSON also explains "
                + "every speech window, as analyze --explain does", actions::export);
        export.setId("export");
        Button image = Ui.button("Save image…", "PNG of the file view", actions::saveImage);
        image.setId("save-file-image");
        CheckBox oneSpeaker = new CheckBox("One speaker");
        oneSpeaker.setId("one-speaker");
        oneSpeaker.setTooltip(new Tooltip("All these files are the same person: learn the voice from all of them "
                + "first, then analyse each file with it (more accurate than each file's own few seconds of voice)"));
        oneSpeaker.setSelected(vm.oneSpeaker().get());
        oneSpeaker.selectedProperty().addListener((o, was, on) -> vm.setOneSpeaker(on));
        vm.oneSpeaker().addListener((o, was, on) -> oneSpeaker.setSelected(on)); // the model may refuse
        Label voice = Ui.muted("");
        voice.setId("voice-status");
        voice.textProperty().bind(vm.voice());
        HBox toolbar = new HBox(10, open, export, image, exportProgress(vm), Ui.spacer(), voice, oneSpeaker);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        ListView<FileItem> list = new ListView<>(vm.items());
        list.setId("file-list");
        list.setCellFactory(v -> new FileCell(vm));
        list.setPrefWidth(270);
        list.setMinWidth(220);
        list.setPlaceholder(Ui.muted("No files yet"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.select(b);
        });
        vm.selected().addListener((o, a, b) -> {
            if (list.getSelectionModel().getSelectedItem() != b) list.getSelectionModel().select(b);
            show(b);
        });

        title.getStyleClass().add("file-title");
        title.setId("file-title");
        summary.getStyleClass().add("muted");
        summary.setId("file-summary");
        play.setId("play");
        play.setOnAction(e -> vm.togglePlay(shown));
        play.setMinWidth(96);
        Button inspect = Ui.button("Inspect attention", "Open the selected window on the Attention page", () -> {
            if (shown != null) vm.inspect(shown);
        });
        inspect.setId("file-inspect");
        HBox head = new HBox(10, new VBox(2, title, summary), Ui.spacer(), play, inspect);
        head.setAlignment(Pos.CENTER_LEFT);
        tracks.themeProperty().bind(theme);
        tracks.setId("file-tracks");
        tracks.setOnSeek(t -> {
            if (shown != null) vm.selectAt(shown, t);
        });
        VBox.setVgrow(tracks, Priority.ALWAYS);
        legend.setAlignment(Pos.CENTER_LEFT);
        VBox tracksCard = Ui.card("Timeline", legend, tracks);
        VBox.setVgrow(tracksCard, Priority.ALWAYS);
        // the moment scrolls on its own in a short window, so the timeline keeps its height
        Label why = Ui.muted("Why this? Inspect attention (top right) explains the window: which parts of its "
                + "spectrogram moved the decision, for the predicted class or any other.");
        why.setId("explain-hint");
        why.visibleProperty().bind(vm.selected().isNotNull());
        ScrollPane momentScroll = new ScrollPane(new VBox(14, moment, why));
        momentScroll.setFitToWidth(true);
        momentScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        momentScroll.getStyleClass().add("plain-scroll");
        VBox momentCard = Ui.card("Selected moment", momentScroll);
        momentCard.setPrefWidth(300);
        momentCard.setMinWidth(260);
        HBox row = new HBox(12, tracksCard, momentCard);
        HBox.setHgrow(tracksCard, Priority.ALWAYS);
        VBox.setVgrow(row, Priority.ALWAYS);
        detail = new VBox(10, head, row);
        Label hint = new Label("Drop audio files anywhere on this window");
        hint.getStyleClass().add("empty-title");
        empty = new VBox(10, emptyIcon, hint, Ui.muted("WAV, FLAC, MP3, OGG, AIFF or AU, any sample rate. "
                + "Or open them with Ctrl+O."));
        ((VBox) empty).setAlignment(Pos.CENTER);
        empty.getStyleClass().add("drop-zone");
        detailStack = new StackPane(detail, empty);
        HBox.setHgrow(detailStack, Priority.ALWAYS);
        HBox body = new HBox(14, list, detailStack);
        VBox.setVgrow(body, Priority.ALWAYS);
        root = Ui.page("files-page", Ui.header("Files", Ui.muted(
                "Analyse recordings: each file runs in the background; click the timeline to inspect a moment.")),
                toolbar, body);
        show(null);
    }

    /** While an export runs: how far it is, what it does, and a button to cancel it. */
    private static Node exportProgress(FilesViewModel vm) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(110);
        bar.progressProperty().bind(vm.exportProgress());
        Label what = Ui.muted("");
        what.setWrapText(false);
        what.textProperty().bind(vm.exportMessage());
        Button cancel = Ui.button("✕", "Cancel the export", vm::cancelExport);
        cancel.setId("cancel-export");
        cancel.getStyleClass().add("flat");
        HBox box = new HBox(8, bar, what, cancel);
        box.setId("export-progress");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.exporting());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void show(FileItem item) {
        if (shown != null) {
            shown.analysis().removeListener(analysisChanged);
            shown.selectedWindow().removeListener(selectionChanged);
            shown.cursorSeconds().removeListener(cursorMoved);
            shown.playing().removeListener(playingChanged);
        }
        shown = item;
        if (item != null) {
            item.analysis().addListener(analysisChanged);
            item.selectedWindow().addListener(selectionChanged);
            item.cursorSeconds().addListener(cursorMoved);
            item.playing().addListener(playingChanged);
        }
        refreshDetail();
    }

    private void refreshDetail() {
        empty.setVisible(shown == null);
        detail.setVisible(shown != null);
        if (shown == null) return;
        FileAnalysis a = shown.analysis().get();
        title.setText(shown.name());
        summary.textProperty().unbind();
        if (a == null) summary.textProperty().bind(shown.message());
        else summary.setText(String.format(Locale.ROOT, "%s · %.0f %% · %.1f s · %.0f %% speech · %d windows%s",
                LabelColors.display(a.label()), 100 * a.confidence(), a.durationSeconds(), 100 * a.speechFraction(),
                a.windows().size(), a.warning() == null ? "" : " · the file is truncated: analysed what is there"));
        legend(a == null ? List.of() : a.labels());
        play.setDisable(a == null);
        updatePlay();
        tracks.show(shown);
        selectionMoved();
    }

    private void selectionMoved() {
        FileAnalysis a = shown == null ? null : shown.analysis().get();
        int i = shown == null ? -1 : shown.selectedWindow().get();
        moment.show(a == null || i < 0 || i >= a.windows().size() ? null : a.windows().get(i));
        tracks.redraw();
    }

    private void updatePlay() {
        play.setText(shown != null && shown.playing().get() ? "■  Stop" : "▶  Play");
    }

    private void legend(List<String> labels) {
        legend.getChildren().clear();
        for (int i = 0; i < labels.size(); i++) {
            Label l = new Label(labels.get(i), new Circle(4, LabelColors.of(labels.get(i), i)));
            l.getStyleClass().add("legend-item");
            legend.getChildren().add(l);
        }
    }

    @Override
    public PageId id() {
        return PageId.FILES;
    }

    @Override
    public VBox node() {
        return root;
    }

    /** What "save image" saves: the selected file's header, timeline and moment. */
    @Override
    public Node snapshotNode() {
        return detailStack;
    }

    public FileTracks tracks() {
        return tracks;
    }

    MomentPanel moment() {
        return moment;
    }
}
