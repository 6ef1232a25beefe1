package org.emoscope.app.view;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.util.StringConverter;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.view.chart.LabelColors;
import org.emoscope.app.view.chart.LevelMeter;
import org.emoscope.app.view.chart.ProbabilityTimeline;
import org.emoscope.app.view.chart.ScrollingSpectrogram;
import org.emoscope.app.viewmodel.LiveDisplay;
import org.emoscope.app.viewmodel.LiveState;
import org.emoscope.app.viewmodel.LiveViewModel;
import org.emoscope.audio.CaptureDevice;

import java.util.Locale;

/** Live mode: microphone, start/stop, level, scrolling spectrogram, probabilities now and over the last minute. */
public final class LivePage implements Page {

    private final LiveViewModel vm;
    private final VBox root;
    private final VBox charts;

    public LivePage(LiveViewModel vm, ObservableValue<ChartTheme> theme, ObservableBooleanValue untrained) {
        this.vm = vm;
        LiveDisplay d = vm.display();

        ComboBox<CaptureDevice> devices = new ComboBox<>(vm.devices());
        devices.setId("device-picker");
        devices.setPromptText("No microphone");
        devices.setPrefWidth(260);
        devices.setMinWidth(150);
        devices.setConverter(new StringConverter<>() {
            @Override
            public String toString(CaptureDevice device) {
                return device == null ? "No microphone" : device.name();
            }

            @Override
            public CaptureDevice fromString(String s) {
                return null;
            }
        });
        Runnable sync = () -> {
            String name = vm.selectedDevice().get();
            CaptureDevice match = vm.devices().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (devices.getValue() != match) devices.setValue(match);
        };
        vm.selectedDevice().addListener(o -> sync.run());
        vm.devices().addListener((ListChangeListener<CaptureDevice>) c -> sync.run());
        devices.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectDevice(b.name());
        });
        devices.disableProperty().bind(vm.state().isEqualTo(LiveState.RUNNING).or(vm.state().isEqualTo(LiveState.STARTING)));

        Button start = new Button();
        start.setId("live-toggle");
        start.getStyleClass().add("accent");
        start.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.state().get()) {
            case IDLE -> "Start listening";
            case STARTING -> "Starting…";
            case RUNNING -> "Stop";
            case WAITING_FOR_DEVICE -> "Stop waiting";
        }, vm.state()));
        start.setOnAction(e -> vm.toggle());
        start.setMinWidth(Region.USE_PREF_SIZE);
        Button inspect = Ui.button("Inspect attention", "Show the last seconds' windows on the Attention page",
                vm::inspect);
        inspect.setId("live-inspect");
        inspect.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("live-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        Ui.wholeWords(status);
        status.textProperty().bind(Bindings.createStringBinding(() -> statusText(vm), vm.state(), vm.source(),
                d.windows(), d.speechWindows(), d.voiceSeconds()));
        status.setTooltip(new javafx.scene.control.Tooltip("A speaker-normalised model adapts to the voice it hears: "
                + "it starts from its average training speaker and trusts the voice more with every second of "
                + "speech. Stop and start again for a new speaker."));
        Circle onAir = new Circle(5);
        onAir.getStyleClass().add("on-air");
        onAir.visibleProperty().bind(vm.state().isEqualTo(LiveState.RUNNING));
        Label micLabel = new Label("Microphone");
        micLabel.setMinWidth(Region.USE_PREF_SIZE);
        // the status takes what is left and wraps between words when that is not enough for one line
        HBox statusBox = new HBox(8, onAir, status);
        statusBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(statusBox, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox toolbar = new HBox(10, micLabel, devices, start, inspect, statusBox);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("toolbar-row");

        Node problem = problemBox();

        LevelMeter meter = new LevelMeter(d.levelDb(), d.speechHeard());
        meter.themeProperty().bind(theme);
        meter.setId("level-meter");
        ScrollingSpectrogram spec = new ScrollingSpectrogram(d);
        spec.themeProperty().bind(theme);
        spec.setId("live-spectrogram");
        ProbabilityTimeline timeline = new ProbabilityTimeline(d);
        timeline.themeProperty().bind(theme);
        timeline.setId("live-timeline");

        VBox meterCard = Ui.card("Input level", Ui.muted("green while the speech detector hears speech, grey for noise or silence"), meter);
        VBox specCard = Ui.card("Spectrogram · last 10 s", spec);
        VBox timelineCard = Ui.card("Probabilities · last minute", legend(d), timeline);
        VBox.setVgrow(specCard, Priority.ALWAYS);
        VBox.setVgrow(timelineCard, Priority.SOMETIMES);
        charts = new VBox(12, meterCard, specCard, timelineCard);
        HBox.setHgrow(charts, Priority.ALWAYS);

        EmotionBadge badge = new EmotionBadge();
        ProbabilityBars bars = new ProbabilityBars();
        bars.setId("live-bars");
        bars.setLabels(d.labels());
        d.labels().addListener((ListChangeListener<String>) c -> bars.setLabels(d.labels()));
        Runnable refresh = () -> {
            bars.setValues(d.probabilities().get(), d.speech().get());
            badge.show(d.dominant().get(), d.confidence().get(), d.labels(),
                    vm.state().get() == LiveState.RUNNING ? "Listening: silence or noise" : "Not listening");
        };
        d.probabilities().addListener(o -> refresh.run());
        d.speech().addListener(o -> refresh.run());
        vm.state().addListener(o -> refresh.run());
        refresh.run();
        Label meaningless = new Label("Untrained model: emotions are random");
        meaningless.getStyleClass().add("chip-warning");
        meaningless.visibleProperty().bind(untrained);
        meaningless.managedProperty().bind(meaningless.visibleProperty());
        VBox nowCard = Ui.card("Now", new VBox(8, badge, meaningless));
        VBox barsCard = Ui.card("Probabilities", bars);
        Label rate = Ui.muted("");
        rate.setId("live-cadence");
        rate.textProperty().bind(vm.cadence());
        VBox side = new VBox(12, nowCard, barsCard, rate);
        side.setPrefWidth(310);
        side.setMinWidth(280);

        HBox body = new HBox(14, charts, side);
        VBox.setVgrow(body, Priority.ALWAYS);
        root = Ui.page("live-page", Ui.header("Live", Ui.muted(
                "Listen to a microphone and see the emotion in the voice as it happens. Space starts and stops.")),
                toolbar, problem, body);
    }

    private Node problemBox() {
        Label text = new Label();
        text.setWrapText(true);
        text.setId("live-message");
        text.textProperty().bind(vm.message());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.state().isEqualTo(LiveState.WAITING_FOR_DEVICE));
        spin.managedProperty().bind(spin.visibleProperty());
        Label retry = new Label("Checking for microphones every 2 s…");
        retry.getStyleClass().add("muted");
        retry.visibleProperty().bind(vm.state().isEqualTo(LiveState.WAITING_FOR_DEVICE));
        retry.managedProperty().bind(retry.visibleProperty());
        VBox texts = new VBox(2, text, retry);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox box = new HBox(10, spin, texts);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("warning-box");
        box.setId("live-problem");
        box.visibleProperty().bind(vm.message().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Node legend(LiveDisplay d) {
        FlowPane pane = new FlowPane(10, 4);
        pane.setAlignment(Pos.CENTER_RIGHT);
        Runnable fill = () -> {
            pane.getChildren().clear();
            for (int i = 0; i < d.labels().size(); i++) {
                Label l = new Label(d.labels().get(i), new Circle(4, LabelColors.of(d.labels().get(i), i)));
                l.getStyleClass().add("legend-item");
                pane.getChildren().add(l);
            }
            Label none = new Label("no speech", new javafx.scene.shape.Rectangle(10, 8, LabelColors.NO_SPEECH));
            none.getStyleClass().add("legend-item");
            pane.getChildren().add(none);
        };
        d.labels().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return pane;
    }

    private static String statusText(LiveViewModel vm) {
        LiveDisplay d = vm.display();
        return switch (vm.state().get()) {
            case IDLE -> d.windows().get() == 0 ? "Stopped" : String.format(Locale.ROOT, "Stopped · %d windows analysed",
                    d.windows().get());
            case STARTING -> "Opening the microphone…";
            case RUNNING -> String.format(Locale.ROOT, "Listening to %s · %d windows, %d with speech%s",
                    vm.source().get(), d.windows().get(), d.speechWindows().get(),
                    Double.isNaN(d.voiceSeconds().get()) ? ""
                            : String.format(Locale.ROOT, " · adapted to %.0f s of voice", d.voiceSeconds().get()));
            case WAITING_FOR_DEVICE -> "Waiting for a microphone";
        };
    }

    @Override
    public PageId id() {
        return PageId.LIVE;
    }

    @Override
    public VBox node() {
        return root;
    }

}
