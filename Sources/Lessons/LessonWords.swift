/// The words the lesson player says around a lesson's own text, in the lesson's language
/// (English unless a translation exists: Korean, `ko`).
public struct LessonWords: Sendable {
    private let korean: Bool

    public init(language: String) { korean = language == "ko" }

    public func section(_ index: Int, of count: Int, _ title: String) -> String {
        korean ? "── 섹션 \(index)/\(count): \(title) ──" : "── Section \(index) of \(count): \(title) ──"
    }

    public var freshCluster: String {
        korean ? "(새 클러스터에서 시작합니다: controlplane, node01, node02)" : "(started on a fresh cluster: controlplane, node01, node02)"
    }

    public func fellBack(_ number: Int, language: String) -> String {
        korean ? "(레슨 \(number)은(는) 아직 한국어 번역이 없어 영어로 보여 줍니다)"
            : "(lesson \(number) has no '\(language)' translation yet; showing English)"
    }

    public var howToGoOn: String {
        korean ? "(명령을 입력하세요. 'lesson check' 진행 확인, 'hint' 힌트, 'lesson next' 다음 섹션)"
            : "(type the commands; 'lesson check' shows how you are doing, 'hint' gives a hint, 'lesson next' goes on)"
    }

    public var sectionPassed: String {
        korean ? "✓ 이 섹션의 확인을 모두 통과했습니다. 'lesson next'로 넘어가세요." : "✓ Every check of this section passes. Type 'lesson next' to go on."
    }

    public var notYet: String { korean ? "아직 통과하지 못한 확인이 있습니다:" : "Not yet. What is missing:" }

    public var nothingToCheck: String { korean ? "이 섹션에는 확인할 것이 없습니다. 'lesson next'로 넘어가세요." : "This section has nothing to check. Type 'lesson next' to go on." }

    public func lessonComplete(_ number: Int) -> String { korean ? "🎉 레슨 \(number) 완료!" : "🎉 Lesson \(number) complete!" }

    public func next(_ number: Int, _ title: String) -> String {
        korean ? "다음 레슨: 'lesson \(number)' — \(title)" : "Next: 'lesson \(number)' — \(title)"
    }

    public var lastLesson: String { korean ? "마지막 레슨이었습니다. 'lesson list'로 목록을 보세요." : "That was the last lesson. 'lesson list' shows them all." }

    public var noLesson: String {
        korean ? "진행 중인 레슨이 없습니다. 'lesson list'로 목록을, 'lesson 1'로 첫 레슨을 시작하세요."
            : "No lesson is running. 'lesson list' shows the lessons; 'lesson 1' starts the first."
    }

    public func hint(_ index: Int, of count: Int) -> String { korean ? "힌트 \(index)/\(count):" : "Hint \(index) of \(count):" }

    public var noMoreHints: String {
        korean ? "이 섹션의 힌트는 여기까지입니다. 섹션의 명령은 다음과 같습니다:" : "No more hints for this section. The commands it shows are:"
    }

    public func coming(_ number: Int) -> String {
        korean ? "레슨 \(number)은(는) 준비 중입니다: 가르칠 기능이 아직 stepkube에 없습니다."
            : "Lesson \(number) is coming: stepkube does not have the features it teaches yet."
    }

    public var listHeading: String { korean ? "레슨 ('lesson N'으로 시작):" : "Lessons ('lesson N' starts one):" }
    public var comingMark: String { korean ? "준비 중" : "coming" }
    public var doneMark: String { korean ? "완료" : "done" }
    public var currentMark: String { korean ? "← 진행 중" : "← current" }
    public var reset: String { korean ? "레슨을 처음부터 다시 시작합니다." : "The lesson starts again from the beginning." }
}
